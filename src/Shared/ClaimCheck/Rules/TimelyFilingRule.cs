using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Days left of the payer's filing limit: Medicare 12 months (one calendar year) from the date of service, institutional
/// claims from the through date (42 CFR 424.44, CR 7080); other payers the limit in their rules or profile. Passed: fix
/// first (CARC 29; Medicare writes it off). Fewer days left than the payer's warning threshold (default 30): warn.
/// </summary>
public sealed class TimelyFilingRule : IClaimRule
{
    public const string RuleId = "timely-filing";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        var from = claim.Kind == ClaimKind837.Institutional && context.Rules.TimelyFromThroughDate
            ? c.LastServiceDate
            : c.Lines.Count > 0 ? c.Lines.Min(l => l.ServiceDate) : c.ServiceDateStart;
        var days = context.Rules.TimelyFilingDays ?? context.Payer?.TimelyFilingDays ?? Deadlines.DefaultTimelyFilingDays(context.PayerKind);
        var due = context.PayerKind == PayerKind.Medicare && days == 365 ? from.AddYears(1) : from.AddDays(days);
        var left = due.DayNumber - context.Today.DayNumber;
        var source = context.Rules.TimelyFilingSource
            ?? (context.Payer?.TimelyFilingDays is not null ? $"the {context.PayerLabel(claim)} payer profile" : $"the default {context.PayerKind} limit");
        var limit = context.PayerKind == PayerKind.Medicare && days == 365 ? "1 calendar year" : $"{days} days";
        var basis = $"{limit} from {(claim.Kind == ClaimKind837.Institutional && context.Rules.TimelyFromThroughDate ? "the through date" : "the date of service")} {RuleText.Date(from)} ({source})";
        if (left < 0)
            yield return new Finding(RuleId, FindingSeverity.FixFirst,
                $"The filing limit passed on {RuleText.Date(due)}, {-left} days ago: {basis}.",
                "Send only with proof of timely filing (277CA/clearinghouse acceptance before the limit) or a 42 CFR 424.44(b)-type exception; otherwise the claim is written off.")
            { Probability = 0.95 };
        else if (left < context.Rules.TimelyFilingWarnDays)
            yield return new Finding(RuleId, FindingSeverity.Warn,
                $"{left} days left to file (limit {RuleText.Date(due)}): {basis}.",
                "Send today and keep the acceptance report (277CA) as proof of timely filing.")
            { Probability = 0.3 };
    }
}
