using System.Text.Json;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using Microsoft.Extensions.Options;

namespace DenialPipeline.ClaimCheck.Learned;

/// <summary>
/// Our own adjudication history for the learned rule: denied lines from the cases (every denied claim an 835 brought)
/// and paid lines from the paid services ingest records, with the principal diagnosis of the claim as submitted when
/// its 837 is on file. Built at most every few minutes per host and kept in memory (patterns, not lines).
/// </summary>
public sealed class DenialHistory(TableServiceClient tables, IOptions<LearningOptions> options, TimeProvider time)
{
    private static readonly TimeSpan RebuildEvery = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (LearnedPatterns Patterns, DateOnly AsOf, DateTimeOffset At)? _cached;

    /// <summary>Drops the cached patterns (after an ingest in the same process, or in tests).</summary>
    public void Invalidate() => _cached = null;

    public async Task<LearnedPatterns> PatternsAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        if (_cached is { } c && c.AsOf == asOf && time.GetUtcNow() - c.At < RebuildEvery) return c.Patterns;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && again.AsOf == asOf && time.GetUtcNow() - again.At < RebuildEvery) return again.Patterns;
            var lines = await LinesAsync(cancellationToken);
            var patterns = LearnedPatterns.Build(lines, asOf, options.Value);
            _cached = (patterns, asOf, time.GetUtcNow());
            return patterns;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every adjudicated line on record (denied from cases, paid from paid services).</summary>
    public async Task<List<AdjudicatedLine>> LinesAsync(CancellationToken ct)
    {
        var records = tables.GetTableClient(StorageNames.Tables.Records);
        var diagnoses = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var e in records.QueryAsync<RecordEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {SubmittedClaim.Kind}"), select: ["Json"], cancellationToken: ct))
            if (JsonSerializer.Deserialize<SubmittedClaim>(e.Json, MessageJson.Options) is { DiagnosisCodes.Count: > 0 } s) diagnoses[s.ClaimId] = s.DiagnosisCodes[0];
        var lines = new List<AdjudicatedLine>();
        await foreach (var c in tables.GetTableClient(StorageNames.Tables.Cases).QueryAsync<CaseEntity>(CaseEntity.CaseRowsFilter,
                           select: ["PartitionKey", "PayerId", "PayerName", "ClaimJson", "PatientControlNumber"], cancellationToken: ct))
        {
            if (ClaimSnapshot.Deserialize(c.ClaimJson) is not { } snap || c.PayerId.Length == 0) continue;
            diagnoses.TryGetValue(snap.PatientControlNumber, out var dx);
            var claimCarcs = snap.Adjustments.Where(a => a.Group != "PR" && a.Workable).Select(a => a.Code).ToList();
            foreach (var l in snap.Lines.Where(l => l.Denied || snap.Status == "4"))
            {
                var date = l.ServiceDate ?? snap.ServiceDateStart;
                if (date is null) continue;
                var carcs = l.Adjustments.Where(a => a.Group != "PR" && a.Workable).Select(a => a.Code).Concat(claimCarcs).Distinct().ToList();
                lines.Add(new AdjudicatedLine(snap.PatientControlNumber, c.PayerId, c.PayerName, l.Procedure, l.Modifiers, dx, date.Value, true, carcs));
            }
        }
        await foreach (var row in records.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {PaidService.Kind + "-"} and PartitionKey lt {PaidService.Kind + "."}"), cancellationToken: ct))
            foreach (var (name, value) in row)
                if (name.StartsWith(PaidService.PropertyPrefix, StringComparison.Ordinal) && value is string json
                    && JsonSerializer.Deserialize<PaidService>(json, MessageJson.Options) is { Reversed: false, Paid: > 0 } p && p.PayerId is { Length: > 0 })
                {
                    diagnoses.TryGetValue(p.ClaimId, out var dx);
                    lines.Add(new AdjudicatedLine(p.ClaimId, p.PayerId, null, p.Procedure, p.Modifiers, dx, p.ServiceDate, false, []));
                }
        return lines;
    }
}
