using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Eligibility and coordination of benefits: the coverage on file on the date of service decides who is billed. No
/// coverage on file is "unknown", never "no coverage": the patient is billed only when coverage records exist and none
/// was active on the date of service (DOMAIN.md "Who may be billed"; docs/research.md).
/// </summary>
internal sealed class CoverageRule : IDenialRule
{
    /// <summary>Remarks saying the secondary needs the primary's adjudication on the claim (MA04, N4, N479, MA92).</summary>
    private static readonly string[] PrimaryInformationRemarks = ["MA04", "N4", "N479", "MA92"];

    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var outcome = Decide(item, ctx);
        var remarks = ctx.Remarks.Where(r => PrimaryInformationRemarks.Contains(r.Code.Code, StringComparer.OrdinalIgnoreCase)).Select(r => r.Code.Code).ToList();
        if (remarks.Count == 0 || outcome.Action is not (ResolutionAction.BillOtherPayer or ResolutionAction.Appeal or ResolutionAction.ManualReview)) return outcome;
        return outcome with
        {
            Evidence = [.. outcome.Evidence, new Evidence("Primary payer's adjudication", false,
                $"Remark {string.Join(", ", remarks)}: this payer pays as a secondary only with the primary's adjudication on the claim. Once the primary " +
                "has paid (or denied), send the claim here again with its results — loop 2320 (the other payer's CAS adjustments and AMT*D paid " +
                "amount) and loop 2430 (its line results, SVD/CAS) — and its EOB; if the primary already paid, that resubmission is the step, not billing it again.")],
        };
    }

    private static RuleOutcome Decide(DenialItem item, RuleContext ctx)
    {
        var category = item.Carc.Category;
        var dos = ctx.ServiceDate(item);
        if (dos is null)
            return new RuleOutcome(category, ResolutionAction.ManualReview, Clock.Appeal, $"{item.Label}: no date of service to check coverage against.",
                [new Evidence("Coverage on the date of service", false, "No date of service on the remittance or the records.")]);
        if (ctx.Records.Coverages.Count == 0)
            return NotOnFile(item, dos.Value);
        var active = ctx.Records.Coverages.Where(c => c.ActiveOn(dos.Value)).OrderBy(c => c.Order).ToList();
        var mine = active.Where(c => ctx.IsThisPayer(c)).ToList();
        var others = active.Where(c => !ctx.IsThisPayer(c)).ToList();
        if (category == DenialCategory.CoordinationOfBenefits && mine.Count > 0)
        {
            // COB: only a payer ahead of this one in the order is the one to bill first (Medicaid is never ahead: RuleContext.PaymentRank).
            var myOrder = mine.Min(c => c.Order);
            var myRank = ctx.ThisPayerRank(mine);
            var behind = others.Where(c => ctx.PaymentRank(c) >= myRank).ToList();
            others = [.. others.Where(c => ctx.PaymentRank(c) < myRank).OrderBy(ctx.PaymentRank)];
            if (others.Count == 0 && myOrder > CoverageOrder.Primary)
                return PrimaryNotOnFile(item, mine.First(c => c.Order == myOrder), dos.Value);
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
                [new Evidence("Coverage on the date of service", true, $"Coverage with {o.PayerName ?? o.PayerId} ({o.Order}) was active on {dos:yyyy-MM-dd} (from {Date(o.PeriodStart)} to {Date(o.PeriodEnd)}).")],
                OtherPayer: o);
        }
        if (mine.Count > 0)
            return ThisPayerActive(item, mine[0], dos.Value, ctx);
        return NoneActive(item, dos.Value, ctx);
    }

    private static RuleOutcome ThisPayerActive(DenialItem item, Coverage m, DateOnly dos, RuleContext ctx)
    {
        // Medicare's 109 with Medicare the only coverage: the claim went to the wrong contractor (a DME MAC, Railroad
        // Medicare, the A/B MAC of another jurisdiction), which eligibility proof does not cure (Medicare Claims
        // Processing Manual ch. 1 §10.1: the jurisdiction follows the item and the place of service).
        if (item.Carc.Code.Code == "109" && ctx.PayerKind == PayerKind.Medicare)
            return new RuleOutcome(item.Carc.Category, ResolutionAction.ManualReview, Clock.TimelyFiling,
                $"Send the claim to the Medicare contractor with jurisdiction ({item.Label}): this contractor does not process it, and Medicare is the only coverage on file for {dos:yyyy-MM-dd}.",
                [new Evidence("Coverage on the date of service", true, $"Coverage with {m.PayerName ?? m.PayerId} ({m.Order}) was active on {dos:yyyy-MM-dd}: {item.Label} from Medicare means another contractor (a DME MAC, Railroad Medicare or another jurisdiction's MAC) processes the claim, within the same filing limit.")]);
        var submittedMember = ctx.Records.Claim?.Patient.MemberId ?? ctx.Records.Claim?.Subscriber?.MemberId;
        if (item.Carc.Element == ClaimElement.MemberId && m.MemberId is not null && !RuleContext.Ids.Equals(m.MemberId, submittedMember))
            return new RuleOutcome(item.Carc.Category, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim with the member id from the coverage on file ({item.Label}).",
                [new Evidence("Coverage on the date of service", true, $"Coverage with this payer was active on {dos:yyyy-MM-dd}, and its member id differs from the one on the claim.")],
                ["Replace the member id with the one on the coverage record"], Missing: ClaimElement.MemberId);
        return new RuleOutcome(item.Carc.Category, ResolutionAction.Appeal, Clock.Appeal,
            $"Appeal {item.Label}: the records show this payer's coverage active on {dos:yyyy-MM-dd} and no other coverage.",
            [new Evidence("Coverage on the date of service", true, $"Coverage with {m.PayerName ?? m.PayerId} ({m.Order}) was active on {dos:yyyy-MM-dd} (from {Date(m.PeriodStart)} to {Date(m.PeriodEnd)}); no other payer's coverage is on file for that date.")],
            Enclosures: ["Eligibility verification for the date of service"]);
    }

    /// <summary>
    /// This payer's own coverage says it pays second (or third) on the date of service, so the CO-22 is right: bill the
    /// primary, even though the primary plan's coverage was never imported — say which coverage is missing and ask for it.
    /// </summary>
    private static RuleOutcome PrimaryNotOnFile(DenialItem item, Coverage mine, DateOnly dos)
    {
        var ahead = mine.Order == CoverageOrder.Secondary ? "the primary plan" : "the plans ahead of it (primary and secondary)";
        return new RuleOutcome(item.Carc.Category, ResolutionAction.BillOtherPayer, Clock.OtherPayerFiling,
            $"Bill the primary payer first ({item.Label}): the coverage on file makes this payer {mine.Order.ToString().ToLowerInvariant()} on {dos:yyyy-MM-dd}; ask the patient for {ahead}'s coverage, which is not on file.",
            [
                new Evidence("Coverage order on the date of service", true, $"This payer's coverage ({mine.PayerName ?? mine.PayerId}) is {mine.Order} on {dos:yyyy-MM-dd} (from {Date(mine.PeriodStart)} to {Date(mine.PeriodEnd)}): another plan pays first."),
                new Evidence("Primary coverage", false, $"The coverage of {ahead} on {dos:yyyy-MM-dd} is not on file: ask the patient for that plan's payer, member id and period, then bill it."),
            ]);
    }

    /// <summary>No coverage record at all: unknown, not "no coverage". The code book's route, unless that bills the patient.</summary>
    private static RuleOutcome NotOnFile(DenialItem item, DateOnly dos) =>
        WithoutCoverage(item, dos, "no coverage is on file for the patient, so who covered the date is unknown and the patient is not billed on missing data",
            new Evidence("Coverage on the date of service", false, $"Coverage not on file: no coverage record was imported for this patient, which says nothing about whether coverage existed on {dos:yyyy-MM-dd}; the patient is not billed on missing data."));

    /// <summary>
    /// Coverage records exist and none was active on the date of service. The patient may be billed only where the code
    /// book's route is to bill the patient (coverage ended, not eligible): no contract bound the service. Any other
    /// reason (another plan primary, managed care, hospice, date of death) keeps the code book's route or goes to a coder.
    /// </summary>
    private static RuleOutcome NoneActive(DenialItem item, DateOnly dos, RuleContext ctx)
    {
        var ended = ctx.Records.Coverages.Where(c => c.PeriodEnd < dos).OrderByDescending(c => c.PeriodEnd).FirstOrDefault();
        var note = ended is null ? "" : $" The latest coverage on file ({ended.PayerName ?? ended.PayerId}) ended {Date(ended.PeriodEnd)}.";
        var evidence = new Evidence("Coverage on the date of service", false, $"No coverage on file was active on {dos:yyyy-MM-dd}.{note}");
        if (item.Carc.DefaultAction == ResolutionAction.BillPatient)
            return new RuleOutcome(item.Carc.Category, ResolutionAction.BillPatient, Clock.None,
                $"Bill the patient: no coverage on file was active on {dos:yyyy-MM-dd} ({item.Label}); ask the patient for any other insurance first.",
                [evidence, .. BeforeThePatient(dos, ctx)]);
        return WithoutCoverage(item, dos, "no coverage on file was active on that date", evidence);
    }

    /// <summary>
    /// What to rule out before billing a patient whose coverage ended: Medicaid covers up to three months before the month
    /// of application (42 CFR 435.915(a)), and a newborn is covered under its own id — Medicaid's deemed newborn for its
    /// first year (42 CFR 435.117), a parent's plan once the child is enrolled (usually within 30 or 31 days of birth).
    /// </summary>
    private static IEnumerable<Evidence> BeforeThePatient(DateOnly dos, RuleContext ctx)
    {
        yield return new Evidence("Retroactive Medicaid", false,
            "Before billing the patient: if the patient has applied for Medicaid, its coverage can reach back three months before the month of " +
            "application (42 CFR 435.915(a)); ask, and hold the bill while an application is pending.");
        if (ctx.Records.Claim?.Patient.BirthDate is { } born && born <= dos && dos <= born.AddYears(1))
            yield return new Evidence("Newborn", false,
                "The patient was under a year old on the date of service: a newborn is billed under its own member id — Medicaid's deemed " +
                "newborn for the first year (42 CFR 435.117), a parent's plan once the child is enrolled (usually within 30 or 31 days of birth) — " +
                "not the mother's; check the newborn's coverage before billing the family.");
    }

    private static RuleOutcome WithoutCoverage(DenialItem item, DateOnly dos, string why, Evidence evidence)
    {
        var usual = item.Carc.DefaultAction;
        var action = usual is ResolutionAction.BillOtherPayer or ResolutionAction.ManualReview ? usual : ResolutionAction.ManualReview;
        var next = action == ResolutionAction.BillOtherPayer
            ? "ask the patient which other plan covered the service and bill it"
            : "verify eligibility with the payer and ask the patient for every coverage held on that date";
        return new RuleOutcome(item.Carc.Category, action, RuleBook.ClockFor(action),
            $"{Capital(Words(action))} ({item.Label}): {why} ({dos:yyyy-MM-dd}); {next}.",
            [evidence]);
    }
}
