using DenialPipeline.X12;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Elements the claim type and the payer require: diagnosis codes and pointers (837P SV107), place of service, units,
/// rendering provider of an organization's claim, referring provider for ordered services, modifiers the payer requires
/// on a procedure (therapy GP/GO/GN), REF*F8 on a replacement or void, valid NPIs (check digit).
/// </summary>
public sealed class RequiredElementsRule : IClaimRule
{
    public const string RuleId = "required-elements";
    private const double Probability = 0.9;

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        var found = new List<Finding>();
        void Add(string evidence, string fix, int? line = null) =>
            found.Add(new Finding(RuleId, FindingSeverity.FixFirst, evidence, fix) { Probability = Probability, Line = line });
        var payer = context.PayerLabel(claim);
        var professional = claim.Kind != ClaimKind837.Institutional;

        if (c.DiagnosisCodes.Count == 0) Add("The claim has no diagnosis code (HI).", "Code the diagnoses the documentation supports (ICD-10-CM) in HI.");
        if (professional && string.IsNullOrWhiteSpace(c.PlaceOfService) && c.Lines.Any(l => string.IsNullOrWhiteSpace(l.PlaceOfService)))
            Add("No place of service: CLM05-1 is empty and a line has no SV105.", "Enter the place of service code (CMS Place of Service code set).");
        if (c.FrequencyCode is "7" or "8" && string.IsNullOrWhiteSpace(c.OriginalReference))
            Add($"Claim frequency {c.FrequencyCode} ({(c.FrequencyCode == "7" ? "replacement" : "void")}) without REF*F8 (the payer claim number it replaces).",
                "Add REF*F8 with the payer's claim number (ICN) of the original claim.");
        if (professional && context.Rules.RequireRenderingForOrganization && claim.BillingEntityType == "2" && string.IsNullOrWhiteSpace(c.RenderingNpi))
            Add($"The billing provider is an organization and no rendering provider (NM1*82) is named; {payer} requires it (RARC N290).",
                "Add the rendering provider's name and NPI (loop 2310B or 2420A).");
        foreach (var (npi, role) in new[] { (c.BillingNpi, "billing"), (c.RenderingNpi, "rendering"), (c.ReferringNpi, "referring") })
            if (npi is { Length: > 0 } && !Npi.IsValid(npi))
                Add($"The {role} provider NPI {npi} fails the NPI check digit (Luhn, prefix 80840).", $"Correct the {role} provider's NPI (NPPES).");

        for (var i = 0; i < c.Lines.Count; i++)
        {
            var l = c.Lines[i];
            var n = l.Number;
            if (l.Units <= 0) Add($"Line {n} ({l.Procedure}) has {l.Units} units.", "Enter the units of service performed.", n);
            if (professional && i < claim.DiagnosisPointers.Count && claim.DiagnosisPointers[i] is { } pointers)
            {
                if (pointers.Count == 0) Add($"Line {n} ({l.Procedure}) has no diagnosis pointer (SV107).", "Point the line to the diagnosis it treats (SV107-1).", n);
                else if (pointers.FirstOrDefault(p => p > c.DiagnosisCodes.Count) is var bad and > 0)
                    Add($"Line {n} ({l.Procedure}) points to diagnosis {bad}; the claim has {c.DiagnosisCodes.Count}.", "Point SV107 to a diagnosis listed in HI.", n);
            }
            foreach (var req in context.Rules.RequiredModifiers)
                if (req.Procedures.Contains(l.Procedure) && !l.Modifiers.Any(m => req.AnyOf.Contains(m, StringComparer.OrdinalIgnoreCase)))
                    Add($"Line {n}: {payer} requires one of the modifiers {string.Join("/", req.AnyOf)} on {l.Procedure}; the line has {(l.Modifiers.Count == 0 ? "none" : string.Join(", ", l.Modifiers))} ({req.Source}).",
                        $"Append the modifier of the plan of care's discipline ({string.Join("/", req.AnyOf)}).", n);
            if (professional && context.Rules.ReferringRequiredFor.Contains(l.Procedure) && string.IsNullOrWhiteSpace(c.ReferringNpi))
                Add($"Line {n}: {l.Procedure} is an ordered service and the claim names no referring/ordering provider (NM1*DN) ({context.Rules.ReferringSource}).",
                    "Add the ordering provider's name and NPI (loop 2310A; the provider must be enrolled to order).", n);
        }
        return found;
    }
}
