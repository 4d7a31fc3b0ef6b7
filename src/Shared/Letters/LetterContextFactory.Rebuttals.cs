using System.Globalization;
using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Letters;

/// <summary>
/// Rebuttals: one per denial reason (group + CARC) on the claim, built from what research found for that reason on each
/// line it denies (<see cref="ResearchResult.Lines"/>: research decides every workable reason at every place) — the
/// authorization it matched, the proof of timely submission, the documentation on file, the corrections to make. A
/// reason research decided in a way that gives the payer no argument (a provider query, a write-off, a manual review)
/// on any of its lines, or did not decide for every line it sits on (results stored when research decided only each
/// line's largest adjustment), gets no rebuttal: the letter shows "needs input" and a coder writes it. A rebuttal never
/// states a check research did not make.
/// </summary>
public sealed partial class LetterContextFactory
{
    private static readonly string[] DistinctModifiers = ["59", "XE", "XS", "XP", "XU"];

    /// <summary>What research found for one reason at one place: a line (index) or the claim (null).</summary>
    private sealed record Finding(int? LineIndex, string? Procedure, LineDecision Decision);

    private string? RebuttalFor(string group, string reason, IReadOnlyList<int?> places, ClaimPayment claim, ResearchResult research, RecordsSnapshot records,
        TimelyFilingProof? proof)
    {
        var isDominant = group == research.Group && reason == research.Reason;
        var findings = research.Lines
            .Where(d => d.Group == group && d.Reason == reason)
            .Select(d => new Finding(d.LineIndex, d.Procedure, isDominant ? WithResultFacts(d, research) : d))
            .ToList();
        if (findings.Count == 0 && isDominant)
            findings.Add(new Finding(null, null, DominantDecision(research)));
        if (findings.Count == 0) return null;
        // A reason research decided for some of its lines only (a result stored when research decided each line by its
        // largest adjustment): the others were never checked, so no rebuttal covers them.
        if (!isDominant && places.Any(p => findings.All(f => f.LineIndex != p))) return null;

        var carc = codes.Carc(reason);
        var sentences = new List<string>();
        foreach (var f in findings.OrderBy(f => f.LineIndex ?? -1))
        {
            var sentence = f.Decision.Action == ResolutionAction.RequestReopening
                ? Reopened(f.Decision, Where(f, claim))
                : Sentence(carc, f, findings.Count > 1, claim, research, records, proof);
            if (sentence is null) return null; // one place research could not support: a coder writes the whole rebuttal
            sentences.Add(sentence);
        }
        return string.Join(" ", sentences);
    }

    /// <summary>A research result stored before line decisions carried their facts: the dominant reason's facts are the result's.</summary>
    private static LineDecision WithResultFacts(LineDecision d, ResearchResult r) =>
        d.Evidence.Count > 0 || d.Category != r.Category || d.Action != r.Action ? d : ResultFacts(d, r);

    private static LineDecision DominantDecision(ResearchResult r) =>
        ResultFacts(new(null, null, null, r.Group, r.Reason, r.DeniedAmount, r.Category, r.Action, r.Summary), r);

    private static LineDecision ResultFacts(LineDecision d, ResearchResult r) => d with
    {
        Evidence = r.Evidence,
        Corrections = r.Corrections,
        Enclosures = r.Enclosures,
        AuthorizationNumber = r.AuthorizationNumber,
        EarlierPayment = r.EarlierPayment,
        EarlierPaymentsChecked = r.EarlierPaymentsChecked,
    };

    /// <summary>The rebuttal for one place, specific to the CARC's family; null when research established nothing to argue.</summary>
    private static string? Sentence(CarcInfo carc, Finding f, bool several, ClaimPayment claim, ResearchResult research, RecordsSnapshot records,
        TimelyFilingProof? proof)
    {
        var d = f.Decision;
        var where = Where(f, claim);
        var scope = several ? $"For {where}: " : "";
        var code = carc.Code.Code;
        return d.Category switch
        {
            DenialCategory.Authorization => Authorization(d, where, code, records),
            DenialCategory.TimelyFiling => TimelyFiling(d, proof),
            DenialCategory.MedicalNecessity => MedicalNecessity(d, where, code, BilledWith(f, claim, records, "GZ")),
            DenialCategory.Coding => Coding(d, where, carc, f, claim, records),
            DenialCategory.Bundling => Bundling(d, where, code, f, claim, records),
            DenialCategory.MissingInformation when d.Action == ResolutionAction.CorrectedClaim && d.Corrections.Count > 0 =>
                $"{scope}the information your remittance named as missing{RemarkList(research)} is supplied on the enclosed corrected claim: {Changes(d.Corrections)}.",
            DenialCategory.Duplicate when d.Action == ResolutionAction.Appeal => scope + Lower(DuplicateRebuttal(d)),
            DenialCategory.CoordinationOfBenefits => CoordinationOfBenefits(d, where),
            DenialCategory.Eligibility => Eligibility(d, where, code),
            DenialCategory.ProviderEnrollment when d.Action == ResolutionAction.CorrectedClaim && d.Corrections.Count > 0 =>
                $"{scope}the enclosed corrected claim bills with the identifiers under which the provider is enrolled: {Changes(d.Corrections)}.",
            DenialCategory.Contractual when d.Action == ResolutionAction.Appeal && Found(d, "Contracted rate") is { } rate =>
                $"{scope}the service was paid below the contracted rate. {rate}",
            // Non-covered (96, 204, …), patient responsibility, other and unknown codes: no records check decides them.
            _ => null,
        } is { } s ? Capital(s) : null;
    }

    private static string? Authorization(LineDecision d, string where, string code, RecordsSnapshot records)
    {
        if (d.Action == ResolutionAction.Appeal)
        {
            // Research appeals an authorization denial only when it matched one; the claim's own REF*G1 stands in for results without the number.
            var auth = d.AuthorizationNumber ?? records.Claim?.PriorAuthorizationNumber;
            if (auth is null) return null;
            var copy = d.Enclosures.Any(e => e.Contains(auth, StringComparison.OrdinalIgnoreCase)) ? "; a copy of the authorization is enclosed" : "";
            return code switch
            {
                "198" => $"Authorization {auth} was on file for the services and dates billed ({where}), and the services billed are within what it allowed{copy}.",
                "15" => $"Authorization {auth} was on file for the services and dates billed ({where}); please reprocess the claim with this number{copy}.",
                _ => $"Authorization {auth} was on file for the services and dates billed ({where}){copy}.",
            };
        }
        if (d.Action == ResolutionAction.RequestRetroAuthorization)
            return $"No authorization on file with us covers {where}; we ask for a retroactive review of the medical need documented in the enclosed records.";
        return null;
    }

    private static string? TimelyFiling(LineDecision d, TimelyFilingProof? proof)
    {
        // Research appeals a timely filing denial only with this payer's acceptance on file within the limit (never for
        // Medicare); the rebuttal cites that same acceptance (TimelyFilingProofs), never an earlier 999 or another payer's.
        if (d.Action != ResolutionAction.Appeal || Found(d, "Proof of timely submission") is null || proof?.SubmittedOn is not { } on) return null;
        return $"The claim was submitted within the filing limit: it was accepted on {on.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)} " +
            $"({proof.Source}{(proof.Reference is { } re ? $", reference {re}" : "")}); the acceptance is enclosed.";
    }

    /// <summary>
    /// A Medicare reopening: the clerical error research derived (field, place, value as processed, the right value). No
    /// rebuttal when research could not say what the value should be: a coder enters it.
    /// </summary>
    private static string? Reopened(LineDecision d, string where) =>
        d.ClericalError is { Corrected: { } corrected } e
            ? Capital($"the {e.Field} of {where} was processed as {e.AsProcessed ?? "shown on your remittance"}; it should be {corrected}. This is a clerical error, corrected by reopening (42 CFR 405.980).")
            : null;

    private static string? MedicalNecessity(LineDecision d, string where, string code, bool billedGz)
    {
        // A valid ABN covered the service and the line lacked GA: the request is to add GA (Original Medicare only).
        if (d.Action == ResolutionAction.Appeal && Found(d, Research.Rules.LiabilityNotice.Check) is not null)
        {
            var billed = billedGz ? "billed with GZ in error" : "billed without modifier GA";
            return $"Before the service billed for {where} was furnished, the beneficiary signed an Advance Beneficiary Notice (form CMS-R-131) " +
                $"listing it and chose to receive it and have Medicare billed; the line was {billed}. We ask that GA be added so that liability " +
                "for the denied amount is the beneficiary's (Social Security Act §1879). A copy of the signed notice is enclosed.";
        }
        // Research appeals only when a documented encounter covers the date of service; its documents are the enclosures.
        if (d.Action != ResolutionAction.Appeal || Found(d, "Encounter documentation") is null) return null;
        var documents = d.Enclosures.Count > 0 ? $" ({string.Join("; ", d.Enclosures)})" : "";
        var claimOf = code switch
        {
            "150" => $"the level of service billed for {where} is supported by the encounter documentation for the date of service",
            "151" => $"the number of services billed for {where} is supported by the encounter documentation for the date of service",
            "152" => $"the length of service billed for {where} is supported by the encounter documentation for the date of service",
            "55" or "56" => $"the treatment billed for {where} was not experimental or unproven for this patient, as the encounter documentation for the date of service shows",
            _ => $"the service billed for {where} was medically necessary for this patient's condition, as the encounter documentation for the date of service shows",
        };
        return $"{Capital(claimOf)}. The documentation is on file and enclosed{documents}.";
    }

    private static string? Coding(LineDecision d, string where, CarcInfo carc, Finding f, ClaimPayment claim, RecordsSnapshot records)
    {
        var element = carc.Element ?? ClaimElement.ProcedureCode;
        if (element == ClaimElement.Modifier && d.Action == ResolutionAction.Appeal && Found(d, "Modifiers as submitted") is not null
            && Submitted(f, claim, records) is { } s && f.LineIndex is { } i && i < claim.Lines.Count)
        {
            var dropped = s.Modifiers.Except(claim.Lines[i].Modifiers, StringComparer.OrdinalIgnoreCase).ToList();
            if (dropped.Count == 0) return null;
            return $"The claim as submitted billed {where} with modifier {string.Join(", ", dropped)}, which your remittance does not show: " +
                "please reprocess the line with the modifier as billed; a copy of the claim as submitted is enclosed.";
        }
        if (element == ClaimElement.DiagnosisCode)
        {
            if (d.Action == ResolutionAction.CorrectedClaim && d.Corrections.Count > 0)
                return $"The diagnosis that supports {where} is documented in the encounter record for the date of service; the enclosed corrected claim makes this change: {Changes(d.Corrections)}.";
            if (d.Action == ResolutionAction.Appeal && Found(d, "Diagnoses documented") is not null)
                // Research compared the billed diagnoses with the documented ones, nothing more: the letter says that much.
                return $"The diagnoses billed for {where} are the ones documented in the encounter record for the date of service; the records are enclosed.";
            return null;
        }
        if (d.Action == ResolutionAction.CorrectedClaim && d.Corrections.Count > 0)
            return $"The {Words(element.ToString())} of {where} has been reviewed against the encounter documentation for the date of service; the enclosed corrected claim makes this change: {Changes(d.Corrections)}.";
        return null;
    }

    private static string? Bundling(LineDecision d, string where, string code, Finding f, ClaimPayment claim, RecordsSnapshot records)
    {
        var qualifying = code == "B15" ? " and its qualifying service was billed with it" : "";
        if (d.Action == ResolutionAction.CorrectedClaim && d.Corrections.Count > 0 && Found(d, "Distinct service documented") is not null)
            return $"The encounter documentation shows {where} was a service distinct from the others billed that day{qualifying}; the enclosed corrected claim makes this change: {Changes(d.Corrections)}.";
        if (d.Action == ResolutionAction.Appeal && Found(d, "Distinct-service modifier") is not null)
        {
            var modifiers = Submitted(f, claim, records)?.Modifiers ?? (f.LineIndex is { } i && i < claim.Lines.Count ? claim.Lines[i].Modifiers : []);
            var modifier = modifiers.FirstOrDefault(m => DistinctModifiers.Contains(m, StringComparer.OrdinalIgnoreCase));
            if (modifier is null) return null;
            return $"{Capital(where)} was billed with modifier {modifier}, which reports a service distinct from the others billed that day; " +
                "the enclosed documentation shows the separate session, site or practitioner.";
        }
        return null;
    }

    private static string? CoordinationOfBenefits(LineDecision d, string where)
    {
        if (d.Action != ResolutionAction.Appeal) return null;
        if (Found(d, "Coverage order on the date of service") is not null)
            return $"The coverage records for the date of service of {where} show your plan ahead of the patient's other coverage in the order of benefits; " +
                "please process the claim as the primary payer. The patient's coordination of benefits information is enclosed.";
        if (Found(d, "Coverage on the date of service") is not null)
            return $"The coverage records for the date of service of {where} show your plan's coverage active and no other coverage on file: your plan is the primary payer.";
        return null;
    }

    private static string? Eligibility(LineDecision d, string where, string code)
    {
        if (Found(d, "Coverage on the date of service") is null) return null;
        if (d.Action == ResolutionAction.CorrectedClaim)
            return $"The patient's coverage with your plan was active on the date of service of {where}; the enclosed corrected claim carries the member id of that coverage.";
        if (d.Action != ResolutionAction.Appeal) return null;
        return code switch
        {
            "109" => $"The patient's coverage with your plan was active on the date of service of {where}, and no other payer's coverage is on file for that date; eligibility verification is enclosed.",
            _ => $"The patient's coverage with your plan was in effect on the date of service of {where}; eligibility verification is enclosed.",
        };
    }

    /// <summary>The conclusion of a check research made and found, by the check's name.</summary>
    private static string? Found(LineDecision d, string check) =>
        d.Evidence.FirstOrDefault(e => e.Found && string.Equals(e.Check, check, StringComparison.Ordinal))?.Conclusion;

    /// <summary>Whether the line was billed (as submitted, or as the remittance shows it) with <paramref name="modifier"/>.</summary>
    private static bool BilledWith(Finding f, ClaimPayment claim, RecordsSnapshot records, string modifier) =>
        (Submitted(f, claim, records)?.Modifiers ?? []).Concat(f.LineIndex is { } i && i < claim.Lines.Count ? claim.Lines[i].Modifiers : [])
            .Contains(modifier, StringComparer.OrdinalIgnoreCase);

    private static SubmittedLine? Submitted(Finding f, ClaimPayment claim, RecordsSnapshot records) =>
        f.LineIndex is { } i && records.Claim is { } submitted && ClaimMatcher.MatchLines(claim, submitted) is var matches && i < matches.Count
            ? matches[i].Submitted
            : null;

    private static string Where(Finding f, ClaimPayment claim)
    {
        if (f.LineIndex is not { } i) return "the claim";
        var procedure = f.Procedure ?? (i < claim.Lines.Count ? claim.Lines[i].Procedure : null);
        return procedure is null ? $"line {i + 1}" : $"line {i + 1} ({procedure})";
    }

    private static string RemarkList(ResearchResult r) => r.Remarks.Count > 0 ? $" ({string.Join(", ", r.Remarks)})" : "";

    /// <summary>Corrections are written as instructions ("Add modifier XS to line 2 (97110)"): in a sentence, lower-cased first letters.</summary>
    private static string Changes(IReadOnlyList<string> corrections) => string.Join("; ", corrections.Select(Lower));

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
