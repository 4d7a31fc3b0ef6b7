using DenialPipeline.Research.Records;
using DenialPipeline.Research.Rules;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Original Medicare, where an ABN log is imported: a line an ABN on file covers must carry GA, or a
/// medical-necessity denial falls on the provider and the patient may not be billed; a line billed with GA needs a
/// valid ABN behind it. GA is required when a required ABN was given (Medicare Claims Processing Manual ch. 30 §50; the
/// contractors' modifier guidance, e.g. Palmetto GBA "How to Use Modifiers to Indicate the Status of an ABN"); validity as in research (<see cref="LiabilityNotice.Problem"/>).
/// </summary>
public sealed class LiabilityModifierRule : IClaimRule
{
    public const string RuleId = "liability-modifier";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        if (context.PayerKind != PayerKind.Medicare || !context.AdvanceNoticesKept) yield break;
        var c = claim.Claim;
        foreach (var line in c.Lines)
        {
            var modifiers = line.Modifiers.Select(m => m.Trim().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            var (valid, whyNot) = LiabilityNotice.Covering(context.AdvanceNotices
                .Where(n => n.Lists(line.Procedure) && (n.PayerId is null || c.PayerId is null || string.Equals(n.PayerId, c.PayerId, StringComparison.OrdinalIgnoreCase))), line.ServiceDate);
            if (modifiers.Contains("GA"))
            {
                if (valid is not null) continue;
                var why = whyNot ?? $"no ABN on file lists {line.Procedure} for this patient";
                yield return new Finding(RuleId, FindingSeverity.FixFirst,
                    $"Line {line.Number} ({line.Procedure}) carries GA, which tells Medicare a valid ABN is on file, but {why}.",
                    "Find the signed ABN and import it; if none was given before the service, bill the line with GZ instead of GA.")
                { Probability = 0.5, Line = line.Number };
            }
            else if (valid is not null && !modifiers.Contains("GX") && !modifiers.Contains("GY"))
            {
                var instead = modifiers.Contains("GZ") ? " in place of GZ" : "";
                yield return new Finding(RuleId, FindingSeverity.FixFirst,
                    $"ABN {valid.Id}, signed {RuleText.Date(valid.SignedDate)}, lists {line.Procedure} and covers {RuleText.Date(line.ServiceDate)}, but line {line.Number} does not carry GA: if Medicare finds the service not reasonable and necessary, the provider is liable and the patient may not be billed.",
                    $"Append GA to line {line.Number}{instead}.")
                { Probability = 0.6, Line = line.Number };
            }
        }
    }
}
