using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Rules;

/// <summary>Everything a rule may read, with the look-ups several rules share (service date, procedures, this payer).</summary>
internal sealed record RuleContext(
    ClaimPayment Claim,
    RemittanceTransaction Tx,
    RecordsSnapshot Records,
    PayerKind PayerKind,
    DateOnly Today,
    IReadOnlyList<RarcInfo> Remarks,
    IReadOnlyList<LineMatch> LineMatches,
    CodeBook Codes)
{
    internal static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    /// <summary>The ids this payer goes by: the remittance's, the payer profile's and the submitted claim's.</summary>
    public HashSet<string> PayerIds { get; } =
        new[] { Tx.Payer.Id, Records.Payer?.PayerId, Records.Claim?.PayerId }.OfType<string>().Where(s => s.Length > 0).ToHashSet(Ids);

    /// <summary>The item's date of service: its line, the submitted line, the claim, the earliest line, the submitted claim.</summary>
    public DateOnly? ServiceDate(DenialItem item) =>
        item.Line?.ServiceDate ?? item.Submitted?.ServiceDate ?? Claim.ServiceDateStart
        ?? Claim.Lines.Select(l => l.ServiceDate).Where(d => d is not null).Min()
        ?? Records.Claim?.ServiceDateStart;

    /// <summary>
    /// The date a filing clock counts from: for an institutional claim (837I) the statement's through date (CMS CR 7080,
    /// 42 CFR 424.44), else the date of service. <c>Through</c> says which it is, for the deadline's explanation.
    /// </summary>
    public (DateOnly Date, bool Through)? FilingDate(DenialItem item)
    {
        if (Records.Claim is { Institutional: true } c && (c.ServiceDateEnd ?? Claim.ServiceDateEnd) is { } through)
            return (through, true);
        return ServiceDate(item) is { } dos ? (dos, false) : null;
    }

    /// <summary>The procedures the item is about: its line's, or every line's for a claim-level adjustment.</summary>
    public IReadOnlyList<string> Procedures(DenialItem item)
    {
        if (item.Line is { } l) return [item.Submitted?.Procedure ?? l.Procedure];
        var fromLines = Claim.Lines.Select(x => x.Procedure).ToList();
        if (fromLines.Count == 0 && Records.Claim is { } c) fromLines = c.Lines.Select(x => x.Procedure).ToList();
        return fromLines.Distinct(Ids).ToList();
    }

    /// <summary>Whether a coverage record is with this payer (by id, or by name when the ids differ).</summary>
    public bool IsThisPayer(Coverage c) =>
        PayerIds.Contains(c.PayerId)
        || (c.PayerName is not null && (Ids.Equals(c.PayerName, Tx.Payer.Name) || Ids.Equals(c.PayerName, Records.Payer?.Name)));

    /// <summary>Whether a coverage is with a Medicaid payer (its profile's kind), or with this payer when this payer is Medicaid.</summary>
    public bool IsMedicaid(Coverage c) => IsThisPayer(c)
        ? PayerKind == PayerKind.Medicaid
        : Records.OtherPayerProfiles.Any(p => Ids.Equals(p.PayerId, c.PayerId) && p.PayerKind == PayerKind.Medicaid);

    /// <summary>
    /// A coverage's place in the order of payment: Medicaid after any other payer whatever order its record gives it
    /// (payer of last resort: SSA §1902(a)(25), 42 CFR 433.139), the others as recorded.
    /// </summary>
    public int PaymentRank(Coverage c) => IsMedicaid(c) ? int.MaxValue : (int)c.Order;

    /// <summary>This payer's place in the order of payment among <paramref name="coverages"/>: its own coverage's rank, else primary (Medicaid: last).</summary>
    public int ThisPayerRank(IEnumerable<Coverage> coverages) =>
        coverages.Where(IsThisPayer).Select(PaymentRank).DefaultIfEmpty(PayerKind == PayerKind.Medicaid ? int.MaxValue : (int)CoverageOrder.Primary).Min();

    /// <summary>Whether earlier payments were looked up (a snapshot that holds some was, by definition).</summary>
    public static bool EarlierPaymentsChecked(RecordsSnapshot records) => records.EarlierPaymentsChecked || records.EarlierPaidServices.Count > 0;
}
