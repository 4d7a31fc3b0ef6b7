using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Ncci;
using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// The records a batch (or a chunk of one) is checked against, indexed by member id (upper case) and payer id:
/// loaded from storage by <see cref="ClaimCheckRecordsLoader"/>, or built in memory by tests and the benchmark.
/// </summary>
public sealed record CheckRecords
{
    public IReadOnlyDictionary<string, PayerProfile> Payers { get; init; } = new Dictionary<string, PayerProfile>(StringComparer.OrdinalIgnoreCase);
    public ILookup<string, Coverage> Coverages { get; init; } = Empty<Coverage>();
    public ILookup<string, Authorization> Authorizations { get; init; } = Empty<Authorization>();
    public ILookup<string, SubmittedClaim> Claims { get; init; } = Empty<SubmittedClaim>();
    public ILookup<string, PaidService> Paid { get; init; } = Empty<PaidService>();
    public ILookup<string, AdvanceNotice> AdvanceNotices { get; init; } = Empty<AdvanceNotice>();
    /// <summary>Whether an ABN log was imported (no ABN for a member then means none was signed).</summary>
    public bool AdvanceNoticesKept { get; init; }
    public NcciEdits Ncci { get; init; } = NcciEdits.LoadDefault();
    public LearnedPatterns Learned { get; init; } = LearnedPatterns.None;

    public static CheckRecords None { get; } = new();

    public static ILookup<string, T> Empty<T>() => Array.Empty<T>().ToLookup(_ => "", StringComparer.OrdinalIgnoreCase);

    /// <summary>Indexes records by member id (those without one are left out: they cannot be tied to a claim).</summary>
    public static ILookup<string, T> ByMember<T>(IEnumerable<T> items, Func<T, string?> member) =>
        items.Where(i => !string.IsNullOrWhiteSpace(member(i))).ToLookup(i => member(i)!.Trim(), StringComparer.OrdinalIgnoreCase);
}
