namespace DenialPipeline.Research.Records;

/// <summary>
/// A service line an earlier remittance paid (recorded by ingest from every 835 line with a payment, and marked
/// <see cref="Reversed"/> when the payer reverses the claim): what a duplicate denial is checked against. Stored in the
/// Records table under a partition per payer (hashed), row keys starting with a hash of the member id: no member id or
/// claim number appears in a key.
/// </summary>
public sealed record PaidService
{
    public const string Kind = "PaidService";

    public required string ClaimId { get; init; }
    public string? PayerClaimNumber { get; init; }
    /// <summary>The payer as cases know it (835 payer id, else its name).</summary>
    public string? PayerId { get; init; }
    /// <summary>The member id the remittance named (NM1*IL, else NM1*QC). PHI: never log it.</summary>
    public string? MemberId { get; init; }
    /// <summary>Rendering provider NPI (NM1*82), else the payee's.</summary>
    public string? ProviderNpi { get; init; }
    public required string Procedure { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public required DateOnly ServiceDate { get; init; }
    public decimal Paid { get; init; }
    public DateOnly? PaidDate { get; init; }
    /// <summary>A later remittance reversed the payment (CLP02 = 22): it no longer counts as paid.</summary>
    public bool Reversed { get; init; }

    /// <summary>The partition of a payer's paid services in the Records table.</summary>
    public static string PartitionFor(string payer) => Kind + "-" + DenialPipeline.Storage.Keys.Hash("", payer.Trim());

    /// <summary>The row-key prefix of a member's paid services (a hash: member ids are PHI).</summary>
    public static string MemberPrefix(string memberId) => DenialPipeline.Storage.Keys.Hash("m", memberId.Trim().ToUpperInvariant()) + "|";

    /// <summary>The row holding a member's paid services of one month: member prefix (a hash) and yyyyMM.</summary>
    public static string MonthRowKey(string memberId, DateOnly serviceDate) =>
        MemberPrefix(memberId) + serviceDate.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Properties of a month row that hold a service (JSON), named <see cref="PropertyName"/>.</summary>
    public const string PropertyPrefix = "s";

    /// <summary>
    /// This service's property in its month row: a hash of date, claim, procedure and modifiers, so a re-drop overwrites
    /// it. A reversal has a property of its own beside it (<c>…r</c>): a payment file dropped again after the reversal
    /// rewrites the payment but leaves the reversal, and the later of the two by remittance date decides
    /// (<see cref="StillPaid"/>).
    /// </summary>
    public string PropertyName => PropertyPrefix + DenialPipeline.Storage.Keys.Hash("", RowKey) + (Reversed ? "r" : "");

    /// <summary>
    /// The payments among <paramref name="services"/> that count as paid: a payment stands unless the payer reversed the
    /// same service (same claim, date, procedure, modifiers) on a later remittance, or on one whose date, or the
    /// payment's, is unknown. A reversal and a new payment on the same remittance date (the usual corrected pair,
    /// CLP02 = 22 then the reprocessed claim) leave the payment standing.
    /// </summary>
    public static IEnumerable<PaidService> StillPaid(IReadOnlyCollection<PaidService> services)
    {
        var reversals = services.Where(s => s.Reversed).ToLookup(s => s.RowKey);
        return services.Where(p => !p.Reversed && p.Paid > 0m
            && !reversals[p.RowKey].Any(r => r.PaidDate is null || p.PaidDate is null || r.PaidDate > p.PaidDate));
    }

    /// <summary>Member prefix, date of service, then a hash of claim, procedure and modifiers: the service's key, shared by its payment, a re-drop and its reversal.</summary>
    public string RowKey => MemberPrefix(MemberId ?? "") + ServiceDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "|" +
        DenialPipeline.Storage.Keys.Hash("", ClaimId.Trim().ToUpperInvariant(), Procedure.Trim().ToUpperInvariant(), string.Join(":", Modifiers).ToUpperInvariant());
}
