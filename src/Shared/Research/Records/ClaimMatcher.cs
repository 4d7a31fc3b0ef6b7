using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Ties an 835 claim to the claim we submitted: patient control number first, then payer claim number,
/// original reference (REF*F8), then patient + dates of service + charge. Lines by REF*6R, else procedure and
/// date tolerating dropped modifiers. Ambiguity is never resolved by guessing: it is an unmatched result.
/// </summary>
public static class ClaimMatcher
{
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    /// <param name="payerId">
    /// The remittance's payer id (REF*2U / N1*PR04). When given, only claims submitted to that payer are candidates: a
    /// payer's remittance never ties to (and so never pulls the records of) a claim sent to another payer. A submitted
    /// claim that names no payer is not a candidate either: it cannot be shown to be the same payer's.
    /// </param>
    public static ClaimMatch Match(ClaimPayment claim, IEnumerable<SubmittedClaim> candidates, string? payerId = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var offered = candidates.ToList();
        var all = payerId is { Length: > 0 } ? offered.Where(c => Ids.Equals(c.PayerId?.Trim(), payerId.Trim())).ToList() : offered;
        if (all.Count == 0 && offered.Count > 0)
            return new ClaimUnmatched($"Patient control number {claim.PatientControlNumber}: the submitted claims found were not sent to payer {payerId}; a remittance is only matched within its own payer.");
        if (all.Count == 0) return new ClaimUnmatched($"No submitted claims to match patient control number {claim.PatientControlNumber} against.");

        var pcn = claim.PatientControlNumber.Trim();
        var byPcn = all.Where(c => Ids.Equals(c.ClaimId.Trim(), pcn)).ToList();
        if (byPcn.Count == 1) return Matched(claim, byPcn[0], ClaimMatchMethod.PatientControlNumber, $"patient control number {pcn} equals the submitted claim id");
        if (byPcn.Count > 1)
        {
            var narrowed = byPcn.Where(c => claim.PayerClaimControlNumber is { } icn && Ids.Equals(c.PayerClaimNumber, icn)).ToList();
            if (narrowed.Count == 1) return Matched(claim, narrowed[0], ClaimMatchMethod.PatientControlNumber, $"patient control number {pcn} and payer claim number {claim.PayerClaimControlNumber}");
            return new ClaimUnmatched($"{byPcn.Count} submitted claims carry patient control number {pcn}; the payer claim number does not tell them apart.");
        }

        if (claim.PayerClaimControlNumber is { Length: > 0 } payerNumber)
        {
            var byIcn = all.Where(c => Ids.Equals(c.PayerClaimNumber, payerNumber)).ToList();
            if (byIcn.Count == 1) return Matched(claim, byIcn[0], ClaimMatchMethod.PayerClaimNumber, $"payer claim number {payerNumber} is on file for submitted claim {byIcn[0].ClaimId}");
            if (byIcn.Count > 1) return new ClaimUnmatched($"{byIcn.Count} submitted claims carry payer claim number {payerNumber}.");
        }

        if (claim.References.TryGetValue("F8", out var original) && original.Length > 0)
        {
            var byOriginal = all.Where(c => Ids.Equals(c.OriginalReference, original) || Ids.Equals(c.PayerClaimNumber, original)).ToList();
            if (byOriginal.Count == 1) return Matched(claim, byOriginal[0], ClaimMatchMethod.OriginalReference, $"original reference (REF*F8) {original} matches submitted claim {byOriginal[0].ClaimId}");
            if (byOriginal.Count > 1) return new ClaimUnmatched($"{byOriginal.Count} submitted claims match original reference {original}.");
        }

        var start = claim.ServiceDateStart ?? claim.Lines.Select(l => l.ServiceDate).Where(d => d is not null).Min();
        if (start is null) return new ClaimUnmatched($"Patient control number {pcn} is not on file and the remittance gives no date of service to match on.");
        var byPatient = all.Where(c => SamePatient(claim, c) && c.ServiceDateStart == start && c.TotalCharge == claim.Charge).ToList();
        return byPatient.Count switch
        {
            1 => Matched(claim, byPatient[0], ClaimMatchMethod.PatientDatesAndCharge, $"same patient, first date of service {start:yyyy-MM-dd} and charge {Cases.Money.Format(claim.Charge)} as submitted claim {byPatient[0].ClaimId}"),
            0 => new ClaimUnmatched($"Patient control number {pcn}, payer claim number {claim.PayerClaimControlNumber ?? "(none)"} and patient + date {start:yyyy-MM-dd} + charge {Cases.Money.Format(claim.Charge)} match no submitted claim."),
            _ => new ClaimUnmatched($"{byPatient.Count} submitted claims match the patient, date {start:yyyy-MM-dd} and charge {Cases.Money.Format(claim.Charge)}: not guessing."),
        };
    }

    /// <summary>Ties each 835 service line to a submitted line; every submitted line is used at most once.</summary>
    public static IReadOnlyList<LineMatch> MatchLines(ClaimPayment claim, SubmittedClaim submitted)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(submitted);
        var used = new HashSet<SubmittedLine>(ReferenceEqualityComparer.Instance);
        var result = new LineMatch?[claim.Lines.Count];

        // Pass 1: REF*6R.
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            var line = claim.Lines[i];
            if (line.LineControlNumber is not { Length: > 0 } lcn) continue;
            var s = submitted.Lines.FirstOrDefault(x => !used.Contains(x) && Ids.Equals(x.LineControlNumber, lcn));
            if (s is null) continue;
            used.Add(s);
            result[i] = new LineMatch(i, line, s, LineMatchMethod.LineControlNumber, $"line control number {lcn}");
        }

        // Pass 2: procedure + date, exact modifiers before dropped ones, same charge preferred.
        for (var i = 0; i < claim.Lines.Count; i++)
        {
            if (result[i] is not null) continue;
            var line = claim.Lines[i];
            var date = line.ServiceDate ?? claim.ServiceDateStart;
            var best = submitted.Lines
                .Where(s => !used.Contains(s) && (date is null || s.ServiceDate == date || (s.ServiceDateEnd is { } end && s.ServiceDate <= date && date <= end)))
                .Select(s => (s, method: Compare(line, s)))
                .Where(x => x.method != LineMatchMethod.Unmatched)
                .OrderBy(x => x.method)
                .ThenBy(x => x.s.Charge == line.Charge ? 0 : 1)
                .ThenBy(x => x.s.Number)
                .FirstOrDefault();
            if (best.s is null)
            {
                result[i] = new LineMatch(i, line, null, LineMatchMethod.Unmatched, $"no submitted line with procedure {line.Procedure} on {date:yyyy-MM-dd}");
                continue;
            }
            used.Add(best.s);
            var explanation = best.method switch
            {
                LineMatchMethod.ProcedureAndDateModifiersDropped => $"procedure {line.Procedure} on {best.s.ServiceDate:yyyy-MM-dd}; the payer dropped modifier(s) {string.Join(", ", best.s.Modifiers.Except(line.Modifiers, Ids))}",
                LineMatchMethod.OriginalProcedureAndDate => $"submitted procedure {best.s.Procedure} on {best.s.ServiceDate:yyyy-MM-dd}, which the payer changed to {line.Procedure}",
                _ => $"procedure {line.Procedure} on {best.s.ServiceDate:yyyy-MM-dd}",
            };
            result[i] = new LineMatch(i, line, best.s, best.method, explanation);
        }
        return result.Select(r => r!).ToList();
    }

    private static LineMatchMethod Compare(ServiceLine line, SubmittedLine s)
    {
        var modifiersSubset = line.Modifiers.All(m => s.Modifiers.Contains(m, Ids));
        if (Ids.Equals(line.Procedure, s.Procedure) && modifiersSubset)
            return line.Modifiers.Count == s.Modifiers.Count ? LineMatchMethod.ProcedureAndDate : LineMatchMethod.ProcedureAndDateModifiersDropped;
        if (line.OriginalProcedure is { Length: > 0 } original && Ids.Equals(original, s.Procedure))
            return LineMatchMethod.OriginalProcedureAndDate;
        return LineMatchMethod.Unmatched;
    }

    private static ClaimMatched Matched(ClaimPayment claim, SubmittedClaim submitted, ClaimMatchMethod method, string explanation) =>
        new(submitted, method, MatchLines(claim, submitted), explanation);

    private static bool SamePatient(ClaimPayment claim, SubmittedClaim submitted)
    {
        var memberIds = new[] { submitted.Patient.MemberId, submitted.Subscriber?.MemberId }.Where(x => !string.IsNullOrEmpty(x)).ToList();
        var remitIds = new[] { claim.Patient?.Id, claim.Insured?.Id, claim.CorrectedInsured?.Id }.Where(x => !string.IsNullOrEmpty(x)).ToList();
        if (memberIds.Count > 0 && remitIds.Count > 0) return memberIds.Intersect(remitIds, Ids).Any();
        var p = claim.Patient;
        return p?.Last is { Length: > 0 } && Ids.Equals(p.Last, submitted.Patient.LastName) && Ids.Equals(p.First ?? string.Empty, submitted.Patient.FirstName ?? string.Empty);
    }
}
