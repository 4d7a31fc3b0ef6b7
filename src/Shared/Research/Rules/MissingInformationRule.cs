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
        var (corrections, missing, asSent) = Sort(named, item, ctx, evidence);
        if (missing.Count > 0)
            return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, Clock.TimelyFiling,
                $"Ask the provider for {string.Join(" and ", missing.Select(m => Words(m.Element)))}: the payer needs it ({item.Label}, {string.Join(", ", missing.Select(m => m.Code))}) and the records lack it.",
                evidence, corrections, Missing: missing[0].Element);
        if (corrections.Count == 0)
            return new RuleOutcome(DenialCategory.MissingInformation, ResolutionAction.ManualReview, Clock.TimelyFiling,
                $"Verify {string.Join(" and ", asSent.Select(Words))} before sending the claim again: the claim as sent carried {(asSent.Count == 1 ? "it" : "them")} " +
                $"and the payer calls {(asSent.Count == 1 ? "it" : "them")} missing, incomplete or invalid ({item.Label}, {string.Join(", ", named.Select(n => n.Code))})" +
                (unprocessable ? "; then send a new claim (frequency 1: MA130)." : "; then correct the claim or appeal with the proof."),
                evidence, Missing: asSent[0]);
        if (asSent.Count > 0)
            corrections.Add($"Verify {string.Join(" and ", asSent.Select(Words))} (the claim as sent carried {(asSent.Count == 1 ? "it" : "them")})");
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
    /// Each named element by what the records say of it: a value to supply (the source holds one the claim lacked or
    /// contradicts), a value the claim as sent already carried (to verify), or none on file (to ask for); with evidence.
    /// </summary>
    private static (List<string> Corrections, List<(string Code, ClaimElement Element)> Missing, List<ClaimElement> AsSent) Sort(
        List<(string Code, ClaimElement Element)> named, DenialItem item, RuleContext ctx, List<Evidence> evidence)
    {
        var corrections = new List<string>();
        var missing = new List<(string Code, ClaimElement Element)>();
        var asSent = new List<ClaimElement>();
        foreach (var r in named)
        {
            var element = r.Element;
            var facts = ElementFacts(element, item, ctx);
            if (facts.Reference is { } f && !string.Equals(f.Value, facts.Sent, StringComparison.OrdinalIgnoreCase))
            {
                var shown = facts.Show ? " " + f.Value : "";
                corrections.Add($"Supply {Words(element)}{shown} ({f.Source})");
                evidence.Add(new Evidence($"{Words(element)} in the records", true, facts.Sent is null
                    ? $"{Named(r.Code)} names {Words(element)}; the records hold it ({f.Source}){(facts.Show ? ": " + f.Value : "")}."
                    : $"{Named(r.Code)} names {Words(element)}; the claim as sent carried {(facts.Show ? facts.Sent : "a value")} and the {f.Source} holds {(facts.Show ? f.Value : "another")}: correct it."));
            }
            else if (facts.Sent is not null)
            {
                // The claim as sent carried it: the payer calls that value missing, incomplete or invalid, so sending it again changes nothing.
                asSent.Add(element);
                evidence.Add(new Evidence($"{Words(element)} in the records", false,
                    $"{Named(r.Code)} names {Words(element)}, but the claim as sent carried it ({(facts.Show ? facts.Sent : "value not shown")})" +
                    (facts.Reference is { } same ? $", the same as the {same.Source}" : "") +
                    $": verify it ({Verify(element)}) and what the payer received (its 277CA) before correcting it; the same value sent again will be denied again."));
            }
            else
            {
                missing.Add((r.Code, element));
                evidence.Add(new Evidence($"{Words(element)} in the records", false, $"{Named(r.Code)} names {Words(element)}; the records do not hold it."));
            }
        }
        return (corrections, missing, asSent);
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

    /// <summary>Where to check a value the payer rejected, by element.</summary>
    private static string Verify(ClaimElement element) => element switch
    {
        ClaimElement.RenderingProviderNpi or ClaimElement.BillingProviderNpi or ClaimElement.ReferringProvider =>
            "NPPES, and the provider's enrollment with this payer (PECOS for Medicare)",
        ClaimElement.Taxonomy => "the taxonomy the provider enrolled with at this payer",
        ClaimElement.MemberId or ClaimElement.PatientBirthDate => "the payer's eligibility response (270/271) or the member's card",
        ClaimElement.PriorAuthorizationNumber => "the authorization: its number, dates, services and units against the claim",
        ClaimElement.DiagnosisCode => "the documentation: the codes, their specificity and their pointers to the lines",
        ClaimElement.ProcedureCode or ClaimElement.Modifier or ClaimElement.Units => "the documentation and the code's validity on the date of service",
        ClaimElement.Ndc => "the NDC's 11-digit format, unit and quantity against the package",
        _ => "its source document",
    };

    /// <summary>
    /// A claim element for a missing-information remark: its value on the claim as sent (the submitted claim or line), and
    /// its value in a record that is its source (the provider profile, the coverage, the authorization, the encounter),
    /// each null when absent; whether the value may be shown (not for PHI).
    /// </summary>
    private static (string? Sent, (string Value, string Source)? Reference, bool Show) ElementFacts(ClaimElement element, DenialItem item, RuleContext ctx)
    {
        var claim = ctx.Records.Claim;
        var line = item.Submitted;
        var provider = ctx.Records.Provider;
        static string? V(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
        static (string, string)? R(string? value, string source) => string.IsNullOrWhiteSpace(value) ? null : (value, source);
        var documented = ctx.Records.Encounters.FirstOrDefault(e => e.DiagnosisCodes.Count > 0);
        return element switch
        {
            ClaimElement.ProcedureCode => (V(line?.Procedure), null, true),
            ClaimElement.DiagnosisCode => (claim?.DiagnosisCodes.Count > 0 ? string.Join(", ", claim.DiagnosisCodes) : null,
                documented is null ? null : R(DocumentedBeyond(claim?.DiagnosisCodes, documented.DiagnosisCodes), $"encounter {documented.Id}"), true),
            ClaimElement.Modifier => (line?.Modifiers.Count > 0 ? string.Join(", ", line.Modifiers) : null, null, true),
            ClaimElement.Units => (line?.Units.ToString("0.##", CultureInfo.InvariantCulture), null, true),
            ClaimElement.DateOfService => (line?.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? claim?.ServiceDateStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, true),
            ClaimElement.PlaceOfService => (V(line?.PlaceOfService ?? claim?.PlaceOfService), null, true),
            ClaimElement.RenderingProviderNpi => (V(claim?.RenderingNpi), R(provider?.Npi, "provider profile"), true),
            // Only the billing provider's own profile speaks for the billing NPI (the rendering provider's is an individual's).
            ClaimElement.BillingProviderNpi => (V(claim?.BillingNpi), R(ctx.Records.BillingProvider?.Npi ?? (claim?.BillingNpi is null ? provider?.Npi : null), "billing provider's profile"), true),
            ClaimElement.Taxonomy => (V(claim?.Taxonomy), R(provider?.Taxonomy, "provider profile"), true),
            ClaimElement.ReferringProvider => (V(claim?.ReferringNpi), null, true),
            ClaimElement.ReferralNumber => (V(claim?.ReferralNumber), null, true),
            ClaimElement.PriorAuthorizationNumber => (V(claim?.PriorAuthorizationNumber), AuthorizationFor(item, ctx, claim?.PriorAuthorizationNumber), true),
            ClaimElement.PatientBirthDate => (claim?.Patient.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, false),
            ClaimElement.MemberId => (V(claim?.Patient.MemberId ?? claim?.Subscriber?.MemberId),
                R(ctx.Records.Coverages.FirstOrDefault(c => c.MemberId is not null && ctx.IsThisPayer(c))?.MemberId, "coverage on file"), false),
            // A corrected claim without the original's number: the remittance names the payer claim number to cite.
            ClaimElement.OriginalReference => (V(claim?.OriginalReference), claim?.OriginalReference is null ? R(ctx.Claim.PayerClaimControlNumber, "payer claim number") : null, true),
            ClaimElement.Ndc => (V(line?.Ndc), null, true),
            ClaimElement.Charge => (line?.Charge.ToString("0.00", CultureInfo.InvariantCulture), null, true),
            _ => (null, null, true),
        };
    }

    /// <summary>
    /// The authorization on file for this payer that covers the line's date and procedure — the number the claim carried
    /// when that one does — as the source of the authorization number; null when none does.
    /// </summary>
    private static (string, string)? AuthorizationFor(DenialItem item, RuleContext ctx, string? sent)
    {
        if (ctx.ServiceDate(item) is not { } d) return null;
        var procedure = item.Submitted?.Procedure ?? item.Line?.Procedure;
        var covering = ctx.Records.Authorizations
            .Where(a => a.Covers(d) && (a.PayerId is null || ctx.PayerIds.Contains(a.PayerId)) && (procedure is null || a.CoversProcedure(procedure)))
            .ToList();
        var auth = covering.FirstOrDefault(a => string.Equals(a.Number, sent, StringComparison.OrdinalIgnoreCase)) ?? covering.FirstOrDefault();
        return auth is null ? null : (auth.Number, "authorization on file");
    }

    /// <summary>The documented diagnoses when they add codes the claim lacks (the claim's and the new ones), else the claim's own.</summary>
    private static string DocumentedBeyond(IReadOnlyList<string>? onClaim, IReadOnlyList<string> documented)
    {
        var claimed = onClaim ?? [];
        var added = documented.Where(d => !claimed.Contains(d, StringComparer.OrdinalIgnoreCase)).ToList();
        return string.Join(", ", added.Count == 0 ? claimed : [.. claimed, .. added]);
    }
}
