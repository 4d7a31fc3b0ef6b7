namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Same patient, date of service, procedure and modifiers already billed: paid by this payer (recorded from our 835s),
/// on another claim on file that was not voided, or earlier in the same batch (CARC 18). A repeat procedure (76/77) or a
/// replacement/void (frequency 7/8) is not a duplicate.
/// </summary>
public sealed class DuplicateRule : IClaimRule
{
    public const string RuleId = "duplicate";
    private static readonly HashSet<string> RepeatModifiers = new(["76", "77", "91"], StringComparer.OrdinalIgnoreCase);

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        if (c.FrequencyCode is "7" or "8") yield break;
        foreach (var l in c.Lines)
        {
            if (l.Modifiers.Any(RepeatModifiers.Contains)) continue;
            var mods = RuleText.Modifiers(l.Modifiers);
            var service = $"{RuleText.Code(l.Procedure, l.Modifiers)} on {RuleText.Date(l.ServiceDate)}";
            var paid = context.PaidServices.FirstOrDefault(p => p.ServiceDate == l.ServiceDate && Same(p.Procedure, l.Procedure)
                && RuleText.Modifiers(p.Modifiers) == mods && !p.Reversed && p.Paid > 0 && SamePayer(p.PayerId, c.PayerId, c.PayerName));
            if (paid is not null)
            {
                yield return Dup($"{context.PayerLabel(claim)} already paid {service} for this patient on claim {paid.ClaimId}" +
                    (paid.PaidDate is { } d ? $" ({RuleText.Date(d)})" : "") + ".",
                    "Do not send: the service was paid. If it was performed again, bill it with modifier 76/77 (repeat) and documentation.", l.Number, 0.95);
                continue;
            }
            var other = context.OtherClaims.FirstOrDefault(o => !string.Equals(o.ClaimId, c.ClaimId, StringComparison.OrdinalIgnoreCase)
                && o.FrequencyCode != "8" && o.Lines.Any(ol => ol.ServiceDate == l.ServiceDate && Same(ol.Procedure, l.Procedure) && RuleText.Modifiers(ol.Modifiers) == mods));
            if (other is not null)
            {
                yield return Dup($"Claim {other.ClaimId}" + (other.SubmissionDate is { } s ? $" (sent {RuleText.Date(s)})" : "") + $" already bills {service} for this patient.",
                    $"Do not send a second original: correct claim {other.ClaimId} with a replacement (frequency 7) if it was wrong.", l.Number, 0.9);
                continue;
            }
            var inBatch = context.EarlierInBatch.FirstOrDefault(b => b.Date == l.ServiceDate && Same(b.Procedure, l.Procedure) && b.Modifiers == mods
                && !string.Equals(b.ClaimId, c.ClaimId, StringComparison.OrdinalIgnoreCase));
            if (inBatch is not null)
                yield return Dup($"Claim {inBatch.ClaimId} earlier in this batch bills {service} for the same patient.",
                    "Send one of the two: merge them, or drop the one keyed twice.", l.Number, 0.9);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SamePayer(string? paidPayer, string? payerId, string? payerName) =>
        paidPayer is null || string.Equals(paidPayer, payerId, StringComparison.OrdinalIgnoreCase) || string.Equals(paidPayer, payerName, StringComparison.OrdinalIgnoreCase);

    private static Finding Dup(string evidence, string fix, int line, double p) =>
        new(RuleId, FindingSeverity.FixFirst, evidence, fix) { Probability = p, Line = line };
}
