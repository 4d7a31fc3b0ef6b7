using System.Globalization;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Missing information: the remark codes name the element (else the CARC itself, when it names one: 206 the NPI, 165
/// and 288 the referral); the records either hold it (corrected claim) or the provider is asked.
/// </summary>
internal sealed class MissingInformationRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var named = ctx.Remarks.Where(r => !r.Alert && r.MissingElement is not null).Select(r => (Code: r.Code.Code, Element: r.MissingElement!.Value)).ToList();
        if (named.Count == 0 && item.Carc.Element is { } own) named.Add((item.Label, own));
        var evidence = new List<Evidence>();
        var unprocessable = ctx.Remarks.Any(r => r.Code.Code == "MA130");
        if (unprocessable)
            evidence.Add(new Evidence("MA130", true, "MA130: the claim was returned as unprocessable, which has no appeal rights and cannot be reopened or replaced: send a new claim (frequency 1) within timely filing, not an appeal and not a replacement (frequency 7)."));
        if (named.Count == 0)
        {
            var action = item.Carc.DefaultAction == ResolutionAction.CorrectedClaim ? ResolutionAction.ManualReview : item.Carc.DefaultAction;
            evidence.Add(new Evidence("Missing element", false, $"{item.Label} arrived without a remark code that names the missing element; {Words(action)}."));
            // MA130: no appeal rights, so the only clock left is the one for a new (corrected) claim: timely filing.
            return new RuleOutcome(DenialCategory.MissingInformation, action,
                unprocessable ? Clock.TimelyFiling : DocumentationReasons.Contains(item.Carc.Code.Code) ? Clock.Appeal : RuleBook.ClockFor(action),
                $"{item.Label}: the remittance does not say what is missing; {Words(action)}" + (unprocessable ? " (MA130: unprocessable, resubmit within timely filing as a new claim, frequency 1)." : "."), evidence);
        }
        var corrections = new List<string>();
        var missing = new List<(string Code, ClaimElement Element)>();
        foreach (var r in named)
        {
            var element = r.Element;
            var found = ElementValue(element, item, ctx);
            if (found is { } f)
            {
                corrections.Add($"Supply {Words(element)}{(f.Value is null ? "" : " " + f.Value)} ({f.Source})");
                evidence.Add(new Evidence($"{Words(element)} in the records", true, $"{Named(r.Code)} names {Words(element)}; the records hold it ({f.Source}){(f.Value is null ? "" : ": " + f.Value)}."));
            }
            else
            {
                missing.Add((r.Code, element));
                evidence.Add(new Evidence($"{Words(element)} in the records", false, $"{Named(r.Code)} names {Words(element)}; the records do not hold it."));
            }
        }
        if (missing.Count > 0)
            return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider for {string.Join(" and ", missing.Select(m => Words(m.Element)))}: the payer needs it ({item.Label}, {string.Join(", ", missing.Select(m => m.Code))}) and the records lack it.",
                evidence, corrections, Missing: missing[0].Element);
        if (unprocessable)
            return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a new claim (frequency 1, not a replacement: MA130 returned the claim as unprocessable): {string.Join("; ", corrections)}.",
                evidence, corrections, Missing: named[0].Element, ClaimFrequency: "1");
        var original = ctx.Claim.PayerClaimControlNumber is { } icn ? " with original reference " + icn : "";
        if (named.Any(r => r.Element == ClaimElement.BillingProviderNpi))
        {
            // A change of billing provider cannot be made by a replacement (frequency 7): void (8) + new claim (1).
            corrections.Insert(0, $"Void the claim (frequency 8{original}) and submit a new claim (frequency 1) under the correct billing NPI");
            return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Void the claim (frequency 8{original}) and send a new claim (frequency 1): the billing provider changes, which a replacement claim cannot do; {string.Join("; ", corrections.Skip(1))}.",
                [.. evidence, ProviderEnrollmentRule.VoidEvidence], corrections, Missing: ClaimElement.BillingProviderNpi, ClaimFrequency: "1", VoidsOriginal: true);
        }
        return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Send a corrected claim (frequency 7{original}): {string.Join("; ", corrections)}.",
            evidence, corrections, Missing: named[0].Element);
    }

    /// <summary>
    /// Documentation the payer asked for or did not receive (226, 252, 163, 164, 250, 251, 148): the claim was decided, so
    /// the records go to the payer within its reconsideration or appeal window — for Medicare a redetermination (or a
    /// medical-review reopening) within 120 days of the notice (Medicare Claims Processing Manual ch. 34 §10.3) — not on
    /// the claim's timely filing clock, which can run months longer.
    /// </summary>
    private static readonly HashSet<string> DocumentationReasons = new(StringComparer.OrdinalIgnoreCase) { "226", "252", "163", "164", "250", "251", "148" };

    /// <summary>"Remark N290" for a remark code, the CARC as written (CO-206) for the adjustment itself.</summary>
    private static string Named(string code) => code.Contains('-', StringComparison.Ordinal) ? code : $"Remark {code}";

    /// <summary>The record of a claim element for a missing-information remark: (value to show or null for PHI, where it came from).</summary>
    private static (string? Value, string Source)? ElementValue(ClaimElement element, DenialItem item, RuleContext ctx)
    {
        var claim = ctx.Records.Claim;
        var line = item.Submitted;
        var provider = ctx.Records.Provider;
        static (string?, string)? Some(string? value, string source, bool show = true) => string.IsNullOrWhiteSpace(value) ? null : (show ? value : null, source);
        return element switch
        {
            ClaimElement.ProcedureCode => Some(line?.Procedure, "submitted line"),
            ClaimElement.DiagnosisCode => claim?.DiagnosisCodes.Count > 0 ? Some(string.Join(", ", claim.DiagnosisCodes), "submitted claim")
                : ctx.Records.Encounters.FirstOrDefault(e => e.DiagnosisCodes.Count > 0) is { } e ? Some(string.Join(", ", e.DiagnosisCodes), $"encounter {e.Id}") : null,
            ClaimElement.Modifier => line?.Modifiers.Count > 0 ? Some(string.Join(", ", line.Modifiers), "submitted line") : null,
            ClaimElement.Units => Some(line?.Units.ToString("0.##", CultureInfo.InvariantCulture), "submitted line"),
            ClaimElement.DateOfService => Some(line?.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? claim?.ServiceDateStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "submitted claim"),
            ClaimElement.PlaceOfService => Some(line?.PlaceOfService ?? claim?.PlaceOfService, "submitted claim"),
            ClaimElement.RenderingProviderNpi => Some(claim?.RenderingNpi, "submitted claim") ?? Some(provider?.Npi, "provider profile"),
            ClaimElement.BillingProviderNpi => Some(claim?.BillingNpi, "submitted claim") ?? Some(provider?.Npi, "provider profile"),
            ClaimElement.Taxonomy => Some(claim?.Taxonomy, "submitted claim") ?? Some(provider?.Taxonomy, "provider profile"),
            ClaimElement.ReferringProvider => Some(claim?.ReferringNpi, "submitted claim"),
            ClaimElement.ReferralNumber => Some(claim?.ReferralNumber, "submitted claim"),
            ClaimElement.PriorAuthorizationNumber => Some(claim?.PriorAuthorizationNumber, "submitted claim")
                ?? (ctx.ServiceDate(item) is { } d && ctx.Records.Authorizations.FirstOrDefault(a => a.Covers(d)) is { } auth ? Some(auth.Number, "authorization on file") : null),
            ClaimElement.PatientBirthDate => Some(claim?.Patient.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "submitted claim", show: false),
            ClaimElement.MemberId => Some(claim?.Patient.MemberId ?? claim?.Subscriber?.MemberId, "submitted claim", show: false)
                ?? Some(ctx.Records.Coverages.FirstOrDefault(c => c.MemberId is not null && ctx.IsThisPayer(c))?.MemberId, "coverage on file", show: false),
            ClaimElement.OriginalReference => Some(claim?.OriginalReference ?? ctx.Claim.PayerClaimControlNumber, "payer claim number"),
            ClaimElement.Ndc => Some(line?.Ndc, "submitted line"),
            ClaimElement.Charge => Some(line?.Charge.ToString("0.00", CultureInfo.InvariantCulture), "submitted line"),
            _ => null,
        };
    }
}
