using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Eligibility and coordination of benefits: the coverage on file on the date of service decides who is billed.</summary>
internal sealed class CoverageRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var category = item.Carc.Category;
        var dos = ctx.ServiceDate(item);
        if (dos is null)
            return new RuleOutcome(category, ResolutionAction.ManualReview, Clock.Appeal, $"{item.Label}: no date of service to check coverage against.",
                [new Evidence("Coverage on the date of service", false, "No date of service on the remittance or the records.")]);
        var active = ctx.Records.Coverages.Where(c => c.ActiveOn(dos.Value)).OrderBy(c => c.Order).ToList();
        var mine = active.Where(c => ctx.IsThisPayer(c)).ToList();
        var others = active.Where(c => !ctx.IsThisPayer(c)).ToList();
        if (category == DenialCategory.CoordinationOfBenefits && mine.Count > 0)
        {
            // COB: only a payer ahead of this one in the order is the one to bill first.
            var myOrder = mine.Min(c => c.Order);
            var behind = others.Where(c => c.Order >= myOrder).ToList();
            others = others.Where(c => c.Order < myOrder).ToList();
            if (others.Count == 0 && behind.Count > 0)
            {
                var b = behind[0];
                return new RuleOutcome(category, ResolutionAction.Appeal, Clock.Appeal,
                    $"Appeal {item.Label}: the records show this payer ahead of {b.PayerName ?? b.PayerId} on {dos:yyyy-MM-dd}; confirm the order with the patient first.",
                    [new Evidence("Coverage order on the date of service", true, $"This payer's coverage is {myOrder} on {dos:yyyy-MM-dd}; {b.PayerName ?? b.PayerId} is {b.Order}: the records do not show another payer as primary.")],
                    Enclosures: ["Coordination of benefits information from the patient (other coverage and its order)"]);
            }
        }
        if (others.Count > 0)
        {
            var o = others[0];
            return new RuleOutcome(category, ResolutionAction.BillOtherPayer, Clock.OtherPayerFiling,
                $"Bill {o.PayerName ?? o.PayerId} ({o.Order.ToString().ToLowerInvariant()}): its coverage was active on {dos:yyyy-MM-dd} ({item.Label}).",
                [new Evidence("Coverage on the date of service", true, $"Coverage with {o.PayerName ?? o.PayerId} ({o.Order}) was active on {dos:yyyy-MM-dd} (from {Date(o.PeriodStart)} to {Date(o.PeriodEnd)}).")]);
        }
        if (mine.Count > 0)
        {
            var m = mine[0];
            var submittedMember = ctx.Records.Claim?.Patient.MemberId ?? ctx.Records.Claim?.Subscriber?.MemberId;
            if (item.Carc.Element == ClaimElement.MemberId && m.MemberId is not null && !RuleContext.Ids.Equals(m.MemberId, submittedMember))
                return new RuleOutcome(category, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                    $"Send a corrected claim with the member id from the coverage on file ({item.Label}).",
                    [new Evidence("Coverage on the date of service", true, $"Coverage with this payer was active on {dos:yyyy-MM-dd}, and its member id differs from the one on the claim.")],
                    ["Replace the member id with the one on the coverage record"], Missing: ClaimElement.MemberId);
            return new RuleOutcome(category, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: the records show this payer's coverage active on {dos:yyyy-MM-dd} and no other coverage.",
                [new Evidence("Coverage on the date of service", true, $"Coverage with {m.PayerName ?? m.PayerId} ({m.Order}) was active on {dos:yyyy-MM-dd} (from {Date(m.PeriodStart)} to {Date(m.PeriodEnd)}); no other payer's coverage is on file for that date.")],
                Enclosures: ["Eligibility verification for the date of service"]);
        }
        var ended = ctx.Records.Coverages.Where(c => c.PeriodEnd < dos).OrderByDescending(c => c.PeriodEnd).FirstOrDefault();
        var note = ended is null ? "" : $" The latest coverage on file ({ended.PayerName ?? ended.PayerId}) ended {Date(ended.PeriodEnd)}.";
        return new RuleOutcome(category, ResolutionAction.BillPatient, Clock.None,
            $"Bill the patient: no coverage on file was active on {dos:yyyy-MM-dd} ({item.Label}); ask the patient for any other insurance first.",
            [new Evidence("Coverage on the date of service", false, $"No coverage on file was active on {dos:yyyy-MM-dd}.{note}")]);
    }
}
