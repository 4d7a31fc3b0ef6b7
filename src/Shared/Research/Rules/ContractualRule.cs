using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Contractual adjustments and underpayments: the allowed amount is compared with the contracted rate on file × units,
/// after the legitimate reductions the line carries (<see cref="PaymentReductions"/>: -51, -80/-82/-AS, CO-59).
/// </summary>
internal sealed class ContractualRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var line = item.Line;
        if (line is null)
            return new RuleOutcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
                $"No action: {item.Label} is a contractual adjustment.",
                [new Evidence("Contracted rate", false, "Claim-level contractual adjustment: no service line to compare with a contracted rate.")]);
        var payerIds = ctx.PayerIds;
        var rate = ctx.Records.ContractRates
            .Where(r => RuleContext.Ids.Equals(r.Procedure, line.Procedure) && (payerIds.Count == 0 || payerIds.Contains(r.PayerId)) && r.EffectiveOn(ctx.ServiceDate(item)))
            .OrderBy(r => r.Modifier is not null && line.Modifiers.Contains(r.Modifier, RuleContext.Ids) ? 0 : r.Modifier is null ? 1 : 2)
            .FirstOrDefault(r => r.Modifier is null || line.Modifiers.Contains(r.Modifier, RuleContext.Ids));
        var allowed = line.AllowedAmount ?? line.Paid + line.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount);
        if (rate is null)
            return new RuleOutcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
                $"No action: {item.Label} is a contractual adjustment and no contracted rate for {line.Procedure} is on file to check it.",
                [new Evidence("Contracted rate", false, $"No contracted rate for {line.Procedure} with this payer is on file; allowed {Money(allowed)} cannot be checked.")]);
        // What the contract pays for this line: the rate for each unit, after the reductions the line legitimately carries.
        var units = line.Units is > 0m ? line.Units.Value : item.Submitted?.Units is > 0m ? item.Submitted.Units : 1m;
        var (factor, why) = PaymentReductions.For(line);
        var expected = Math.Round(rate.Amount * units * factor, 2, MidpointRounding.AwayFromZero);
        var how = units == 1m && why is null ? "" : $" × {units:0.##} unit(s){(why is null ? "" : $" × {factor:0.###} ({why})")} = {Money(expected)}";
        if (allowed < expected && ctx.PayerKind == PayerKind.Medicare)
            return FeeScheduleReopening(item, line.Procedure, allowed, expected, rate, how);
        if (allowed < expected)
        {
            var under = expected - allowed;
            return new RuleOutcome(DenialCategory.Contractual, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal the underpayment of {line.Procedure}: allowed {Money(allowed)} is {Money(under)} below the contracted {Money(expected)}.",
                [new Evidence("Contracted rate", true, $"The contracted rate for {line.Procedure} is {Money(rate.Amount)}{how}; the payer allowed {Money(allowed)}, {Money(under)} less.")],
                Enclosures: ["The fee schedule page of the contract showing the rate"], RecoverableAmount: under);
        }
        return new RuleOutcome(DenialCategory.Contractual, ResolutionAction.NoAction, Clock.None,
            $"No action: {line.Procedure} was allowed {Money(allowed)}, at or above the contracted {Money(expected)}.",
            [new Evidence("Contracted rate", true, $"The payer allowed {Money(allowed)} for {line.Procedure}; the contracted rate is {Money(rate.Amount)}{how}: paid as contracted.")]);
    }

    /// <summary>
    /// Original Medicare allowed less than the fee schedule amount on file: a misapplied fee schedule is a clerical error
    /// the MAC corrects by reopening, not by redetermination (Medicare Claims Processing Manual ch. 34 §10.4, clerical
    /// errors include "mathematical or computational mistakes" and "misapplication of a fee schedule", as the MACs'
    /// reopening pages list them). The contractor's own fee schedule shows the error on the face of the evidence, so
    /// after the first year there is good cause (42 CFR 405.986(a)(2)).
    /// </summary>
    private static RuleOutcome FeeScheduleReopening(DenialItem item, string procedure, decimal allowed, decimal expected, ContractRate rate, string how)
    {
        var error = new ClericalError("allowed amount", item.LineLabel, Money(allowed), Money(expected),
            $"the Medicare fee schedule amount on file for {procedure}, {Money(rate.Amount)}{how}")
        {
            GoodCause = "the contractor allowed less than its own fee schedule amount for the service, an obvious error on the face of the evidence it considered (42 CFR 405.986(a)(2))",
        };
        var evidence = new Evidence("Contracted rate", true,
            $"The Medicare fee schedule amount on file for {procedure} is {Money(rate.Amount)}{how}; Medicare allowed {Money(allowed)}, {Money(expected - allowed)} less. " +
            "A misapplied fee schedule is a clerical error: Medicare corrects it by reopening, not by redetermination.");
        return Reopening.Request(item, DenialCategory.Contractual, error, [evidence], ["The fee schedule amount for the service and date (MPFS look-up or the locality's fee schedule)"]) with
        {
            RecoverableAmount = expected - allowed,
        };
    }
}
