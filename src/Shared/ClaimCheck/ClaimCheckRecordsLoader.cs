using System.Text.Json;
using Azure.Data.Tables;
using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Ncci;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Loads the records a chunk of claims is checked against from the Records table: payer profiles, and for the chunk's
/// members their coverage, authorizations, submitted claims and paid services. Few members: one query per member and
/// kind; many: one pass over each kind's partition (cheaper than thousands of queries).
/// </summary>
public sealed class ClaimCheckRecordsLoader(TableServiceClient tables, RecordStore records, NcciStore ncci, DenialHistory history, TimeProvider time)
{
    /// <summary>From this many members in a chunk a kind's partition is read once instead of per member.</summary>
    public const int ScanFromMembers = 50;

    private TableClient Table => tables.GetTableClient(StorageNames.Tables.Records);

    public async Task<CheckRecords> LoadAsync(IReadOnlyCollection<ClaimUnderCheck> claims, CancellationToken cancellationToken = default)
    {
        var members = claims.Select(c => c.MemberId?.Trim()).Where(m => !string.IsNullOrEmpty(m)).Select(m => m!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var present = await records.KindsPresentAsync([Coverage.Kind, Authorization.Kind, SubmittedClaim.Kind, PaidService.Kind, PayerProfile.Kind, AdvanceNotice.Kind], cancellationToken);
        var payers = present.Contains(PayerProfile.Kind) ? await ScanAsync<PayerProfile>(PayerProfile.Kind, cancellationToken) : [];
        var coverages = present.Contains(Coverage.Kind) ? await ForMembersAsync<Coverage>(Coverage.Kind, members, cancellationToken) : [];
        var auths = present.Contains(Authorization.Kind) ? await ForMembersAsync<Authorization>(Authorization.Kind, members, cancellationToken) : [];
        var submitted = present.Contains(SubmittedClaim.Kind) ? await ForMembersAsync<SubmittedClaim>(SubmittedClaim.Kind, members, cancellationToken) : [];
        var paid = present.Contains(PaidService.Kind) ? await PaidAsync(claims, cancellationToken) : [];
        var notices = present.Contains(AdvanceNotice.Kind) ? await ForMembersAsync<AdvanceNotice>(AdvanceNotice.Kind, members, cancellationToken) : [];
        return new CheckRecords
        {
            Payers = payers.DistinctBy(p => p.PayerId, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.PayerId, StringComparer.OrdinalIgnoreCase),
            Coverages = CheckRecords.ByMember(coverages, c => c.MemberId),
            Authorizations = CheckRecords.ByMember(auths, a => a.MemberId),
            Claims = CheckRecords.ByMember(submitted, c => c.Subscriber?.MemberId ?? c.Patient.MemberId),
            Paid = CheckRecords.ByMember(paid, p => p.MemberId),
            AdvanceNotices = CheckRecords.ByMember(notices, n => n.MemberId),
            AdvanceNoticesKept = present.Contains(AdvanceNotice.Kind),
            Ncci = await ncci.CurrentAsync(cancellationToken),
            Learned = await history.PatternsAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken),
        };
    }

    private async Task<List<T>> ForMembersAsync<T>(string kind, IReadOnlyList<string> members, CancellationToken ct)
    {
        if (members.Count == 0) return [];
        if (members.Count >= ScanFromMembers)
        {
            var wanted = new HashSet<string>(members, StringComparer.OrdinalIgnoreCase);
            var list = new List<T>();
            await foreach (var e in Table.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind}"), select: ["MemberId", "Json"], cancellationToken: ct))
                if (e.MemberId is { } m && wanted.Contains(m.Trim()) && JsonSerializer.Deserialize<T>(e.Json, MessageJson.Options) is { } r) list.Add(r);
            return list;
        }
        var found = new List<T>();
        foreach (var member in members)
            await foreach (var e in Table.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind} and MemberId eq {member}"), select: ["Json"], cancellationToken: ct))
                if (JsonSerializer.Deserialize<T>(e.Json, MessageJson.Options) is { } r) found.Add(r);
        return found;
    }

    private async Task<List<T>> ScanAsync<T>(string kind, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var e in Table.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {kind}"), select: ["Json"], cancellationToken: ct))
            if (JsonSerializer.Deserialize<T>(e.Json, MessageJson.Options) is { } r) list.Add(r);
        return list;
    }

    /// <summary>Paid services of each claim's member with its payer in the months of its dates of service (one point read per row).</summary>
    private async Task<List<PaidService>> PaidAsync(IReadOnlyCollection<ClaimUnderCheck> claims, CancellationToken ct)
    {
        var rows = claims
            .Where(c => c.MemberId is { Length: > 0 } && (c.Claim.PayerId ?? c.Claim.PayerName) is { Length: > 0 })
            .SelectMany(c => c.Claim.Lines.Select(l => (Partition: PaidService.PartitionFor((c.Claim.PayerId ?? c.Claim.PayerName)!.Trim()), Row: PaidService.MonthRowKey(c.MemberId!, l.ServiceDate))))
            .Distinct().ToList();
        var found = new List<PaidService>();
        foreach (var (partition, row) in rows)
        {
            var r = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
            if (!r.HasValue) continue;
            foreach (var (name, value) in r.Value!)
                if (name.StartsWith(PaidService.PropertyPrefix, StringComparison.Ordinal) && value is string json
                    && JsonSerializer.Deserialize<PaidService>(json, MessageJson.Options) is { } p)
                    found.Add(p);
        }
        return found;
    }
}
