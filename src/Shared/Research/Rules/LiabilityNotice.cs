using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Original Medicare's Advance Beneficiary Notice (ABN) against a medical-necessity denial: whether a signed ABN on file
/// covers the service, and what follows from it.
/// <list type="bullet">
/// <item>An ABN is valid for a service it lists, given before the service, with option 1 checked (bill Medicare, the
/// beneficiary pays if Medicare does not); one for an extended course covers the period it states (CR 12242), one
/// without a period is taken to cover a year from signing. Medicare Claims Processing Manual ch. 30 §50.</item>
/// <item>A valid ABN and no GA on the line (none, or GZ): liability can move to the beneficiary only if GA is added, and
/// contractors add GA on <b>redetermination</b> with a copy of the ABN, never on reopening (Noridian, "Liability
/// Modifier Appeal Rights"; GZ is removed on redetermination only).</item>
/// <item>GA on the line without a valid ABN on file: the beneficiary may not be charged; without proper notice the
/// provider is liable (Social Security Act §1879).</item>
/// </list>
/// ABNs are not used in Medicare Advantage or by other payers: nothing here applies to them.
/// </summary>
internal static class LiabilityNotice
{
    /// <summary>The check behind a medical-necessity decision (found: a redetermination adds GA on it).</summary>
    public const string Check = "Advance Beneficiary Notice";

    /// <summary>The check behind a bill to the patient on a GA line: the ABN found for it.</summary>
    public const string BehindBill = "ABN behind the GA modifier";

    /// <summary>
    /// The denials an ABN can shift to the beneficiary: "not reasonable and necessary" (Social Security Act §1862(a)(1),
    /// the limitation on liability of §1879) — not a service that was not furnished or not documented (112, B12).
    /// </summary>
    private static readonly HashSet<string> NotReasonableAndNecessary = new(StringComparer.OrdinalIgnoreCase) { "50", "55", "56", "150", "151", "152", "153", "167", "B8" };

    /// <summary>Whether an ABN bears on this item: Original Medicare and a not-reasonable-and-necessary reason.</summary>
    private static bool Applies(DenialItem item, RuleContext ctx) =>
        ctx.PayerKind == PayerKind.Medicare && NotReasonableAndNecessary.Contains(item.Carc.Code.Code);

    /// <summary>The ABN that covers the item's service, or why the ABNs that list it do not (both null: none lists it).</summary>
    public static (AdvanceNotice? Valid, string? WhyNot) Find(DenialItem item, RuleContext ctx)
    {
        if (!Applies(item, ctx) || ctx.ServiceDate(item) is not { } dos) return (null, null);
        var procedures = ctx.Procedures(item);
        return Covering(ctx.Records.AdvanceNotices.Where(n => procedures.Any(n.Lists) && (n.PayerId is null || ctx.PayerIds.Contains(n.PayerId))), dos);
    }

    /// <summary>
    /// Of the ABNs that list a service, the latest one covering <paramref name="dos"/>, or why the latest does not (both
    /// null: none lists it). Research and the claim check (<c>LiabilityModifierRule</c>) both decide by it.
    /// </summary>
    public static (AdvanceNotice? Valid, string? WhyNot) Covering(IEnumerable<AdvanceNotice> listing, DateOnly dos)
    {
        var latestFirst = listing.OrderByDescending(n => n.SignedDate).ToList();
        if (latestFirst.FirstOrDefault(n => Problem(n, dos) is null) is { } valid) return (valid, null);
        return (null, latestFirst.Count == 0 ? null : Problem(latestFirst[0], dos));
    }

    /// <summary>Why an ABN does not cover a service on <paramref name="dos"/>; null when it does.</summary>
    public static string? Problem(AdvanceNotice n, DateOnly dos) =>
        n.SignedDate > dos ? $"ABN {n.Id} was signed on {Date(n.SignedDate)}, after the service on {Date(dos)}: an ABN must be given before the service"
        : n.Option == 2 ? $"on ABN {n.Id} the beneficiary chose option 2 (do not bill Medicare)"
        : n.Option == 3 ? $"on ABN {n.Id} the beneficiary chose option 3 (did not want the service)"
        : n.CoversThrough is { } through && dos > through ? $"ABN {n.Id} covers services through {Date(through)}, before the service on {Date(dos)}"
        : n.CoversThrough is null && dos > n.SignedDate.AddYears(1) ? $"ABN {n.Id} was signed on {Date(n.SignedDate)}, more than a year before the service, and states no period of treatment"
        : null;

    /// <summary>
    /// A Medicare medical-necessity denial left with the provider although a valid ABN covers the service and the line
    /// lacks GA: a redetermination adding GA, with the ABN enclosed. Null when that is not the case.
    /// </summary>
    public static RuleOutcome? AddGa(DenialItem item, RuleContext ctx, IReadOnlyList<string> documents)
    {
        var modifiers = Modifiers(item);
        if (item.LineIndex is null || modifiers.Contains("GA") || Find(item, ctx).Valid is not { } abn) return null;
        var gz = modifiers.Contains("GZ");
        var procedure = ctx.Procedures(item).First(abn.Lists);
        var change = gz ? "replace modifier GZ with GA on" : "add modifier GA to";
        return new RuleOutcome(DenialCategory.MedicalNecessity, ResolutionAction.Appeal, Clock.Appeal,
            $"Request a redetermination to {change} {item.LineLabel}: the beneficiary signed an ABN for {procedure} on {Date(abn.SignedDate)}, before the service, so {item.Label} {Money(item.Adjustment.Amount)} becomes the beneficiary's to pay.",
            [new Evidence(Check, true,
                $"ABN {abn.Id}, signed {Date(abn.SignedDate)}{OptionText(abn)}, lists {procedure} and covers the service on {Date(ctx.ServiceDate(item))}; the claim was billed {(gz ? "with GZ (no ABN)" : "without a liability modifier")}. " +
                "Medicare adds GA on redetermination with a copy of the valid ABN, not by reopening; once GA is on the line the beneficiary is liable and may be billed.")],
            Enclosures: [$"Signed Advance Beneficiary Notice (form CMS-R-131) of {Date(abn.SignedDate)} listing {procedure}", .. documents]);
    }

    /// <summary>What the ABNs on file say about a line that is the provider's to bear (for the evidence of another outcome); null when ABNs are not kept here.</summary>
    public static Evidence? Note(DenialItem item, RuleContext ctx)
    {
        if (!Applies(item, ctx) || !ctx.Records.AdvanceNoticesChecked || Modifiers(item).Contains("GA")) return null;
        var (_, whyNot) = Find(item, ctx);
        return new Evidence(Check, false, whyNot is null
            ? $"No ABN on file lists {string.Join(", ", ctx.Procedures(item))} for this patient: the provider is liable for {item.Label} and the patient may not be billed."
            : $"The ABN on file does not move liability to the patient: {whyNot}.");
    }

    /// <summary>PR with GA: the patient may be billed only on a valid ABN when ABNs are kept here.</summary>
    public static RuleOutcome? WithoutValidNotice(DenialItem item, RuleContext ctx)
    {
        if (!Applies(item, ctx) || !ctx.Records.AdvanceNoticesChecked) return null;
        var (valid, whyNot) = Find(item, ctx);
        if (valid is not null) return null;
        var reason = whyNot ?? $"no ABN on file lists {string.Join(", ", ctx.Procedures(item))} for this patient";
        return new RuleOutcome(DenialCategory.PatientResponsibility, ResolutionAction.ManualReview, Clock.None,
            $"Do not bill the patient yet: {item.LineLabel} carries GA, but {reason}. Find the signed ABN given before the service; without a valid one the provider is liable and may not collect {item.Label}.",
            [new Evidence(Check, false,
                $"{item.LineLabel} was billed with GA, which tells Medicare a valid ABN is on file, but {reason}. Without proper notice the beneficiary is not liable (Social Security Act §1879; Medicare Claims Processing Manual ch. 30 §50): anything collected must be refunded.")]);
    }

    /// <summary>The ABN behind a GA line's bill to the patient, for its evidence; null when ABNs are not kept here.</summary>
    public static Evidence? Behind(DenialItem item, RuleContext ctx) =>
        Applies(item, ctx) && ctx.Records.AdvanceNoticesChecked && Find(item, ctx).Valid is { } abn
            ? new Evidence(BehindBill, true, $"ABN {abn.Id}, signed {Date(abn.SignedDate)}{OptionText(abn)}, lists the service and covers its date: keep it with the bill.")
            : null;

    public static HashSet<string> Modifiers(DenialItem item) =>
        (item.Submitted?.Modifiers ?? []).Concat(item.Line?.Modifiers ?? []).ToHashSet(RuleContext.Ids);

    private static string OptionText(AdvanceNotice n) => n.Option == 1 ? ", option 1" : n.Option == 0 ? " (the option chosen is not recorded: check that it is option 1)" : "";
}
