using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CsCheck;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// Property: whatever happens to cases and files, in whatever order, and whenever the rollup runs, the stored Metrics rows
/// after a rollup equal a full recomputation from every case (with its history) and every file's receipts.
/// Bounded (12 sequences of 5–30 events) with fixed seeds, so a run is repeatable; the store accumulates across sequences.
/// </summary>
public sealed class RollupPropertyTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private static readonly string[] Payers = ["11111", "22222", "33333"];
    private static readonly string[] Providers = ["1111111111", "2222222222"];
    private static readonly string[] Categories = ["MedicalNecessity", "Authorization", "Coding"];
    private static readonly string[] Coders = ["alice", "bob", "carol"];
    private static readonly string[] Carcs = ["50", "197", "16", "97"];
    private static readonly CaseStatus[] PayerOutcomes = [CaseStatus.Overturned, CaseStatus.PartiallyOverturned, CaseStatus.Upheld];
    private static readonly string[] CoderOutcomes = ["WrittenOff", "PatientBilled", "Rebilled"];

    public enum Op { Open, Assign, Approve, PayerCloses, CoderCloses, Reopen, MissDeadline, Receipts, Advance, Rollup }

    public sealed record Step(Op Op, int A, int B, int C)
    {
        public override string ToString() => $"{Op}({A},{B},{C})";
    }

    private static readonly Gen<Step[]> Steps =
        Gen.Select(Gen.Enum<Op>(), Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 999], (op, a, b, c) => new Step(op, a, b, c)).Array[5, 30];

    [Fact]
    public async Task RollupAfterAnySequence_EqualsFullRecomputation()
    {
        var rollup = f.Get<MetricsRollup>();
        for (var run = 0; run < 12; run++)
        {
            var steps = Steps.Generate(new PCG(7, 20261126UL + (ulong)run), null, out _);
            var ids = new List<string>();
            foreach (var step in steps)
                await ApplyAsync(run, step, ids);
            await rollup.RunAsync();
            var stored = await rollup.ReadStoredAsync();
            var full = await rollup.RecomputeAsync();
            Assert.True(stored.SameAs(full), $"Run {run}: rollup differs from a full recomputation after {string.Join(", ", steps.Select(s => s.ToString()))}\nstored: {stored.Serialize()}\nfull:   {full.Serialize()}");
        }
    }

    /// <summary>
    /// A run that stops after adding its changes to the rows but before recording what it applied (storage fails on
    /// the first write of an "applied" row): the next run must not add the same changes again.
    /// </summary>
    [Fact]
    public async Task RunStoppedWhileApplying_NextRunRebuilds_NothingCountedTwice()
    {
        var rollup = f.Get<MetricsRollup>();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) await ApplyAsync(100, new Step(Op.Open, i, i * 7, i * 3), ids);
        await rollup.RunAsync();
        for (var i = 0; i < 4; i++) await ApplyAsync(100, new Step(Op.Open, i + 1, i * 11, i * 5), ids);
        await ApplyAsync(100, new Step(Op.Assign, 2, 1, 1), ids);

        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new FailWritesToAppliedRows(), HttpPipelinePosition.PerCall);
        var interrupted = new MetricsRollup(new TableServiceClient(f.Azurite.ConnectionString, options), f.Get<CaseStore>(), f.Time, NullLogger<MetricsRollup>.Instance);
        await Assert.ThrowsAsync<RequestFailedException>(() => interrupted.RunAsync());
        // The rows now hold the changes, the "applied" records do not: an incremental run would add them a second time.
        var state = await f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics)
            .GetEntityAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow);
        Assert.True(state.Value.Applying);

        var next = await rollup.RunAsync();
        Assert.True(next.Ran);
        var stored = await rollup.ReadStoredAsync();
        var full = await rollup.RecomputeAsync();
        Assert.True(stored.SameAs(full), $"after an interrupted run the rollup differs from a full recomputation\nstored: {stored.Serialize()}\nfull:   {full.Serialize()}");
        // And the run after that is incremental again and still equal.
        await ApplyAsync(100, new Step(Op.Open, 3, 5, 7), ids);
        await rollup.RunAsync();
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    /// <summary>A full rebuild asked for while a run holds the lease deletes nothing (it used to delete first and then find the lease taken).</summary>
    [Fact]
    public async Task Rebuild_WhileAnotherRunHoldsTheLease_DeletesNothing()
    {
        var rollup = f.Get<MetricsRollup>();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) await ApplyAsync(200, new Step(Op.Open, i, i * 13, i), ids);
        await rollup.RunAsync();
        var before = await rollup.ReadStoredAsync();
        Assert.NotEmpty(before.Cells);

        var metrics = f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics);
        await metrics.AddEntityAsync(new RollupStateEntity { RowKey = RollupStateEntity.LeaseRow, LeaseUntil = f.Time.GetUtcNow() + MetricsRollup.LeaseFor });
        try
        {
            var rebuilt = await rollup.RebuildAsync();
            Assert.False(rebuilt.Ran);
            Assert.True((await rollup.ReadStoredAsync()).SameAs(before), "a rebuild that could not take the lease changed the rows");
        }
        finally
        {
            await metrics.DeleteEntityAsync(RollupStateEntity.Partition, RollupStateEntity.LeaseRow, ETag.All);
        }
        Assert.True((await rollup.RebuildAsync()).Ran);
        Assert.True((await rollup.ReadStoredAsync()).SameAs(await rollup.RecomputeAsync()));
    }

    private sealed class FailWritesToAppliedRows : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get
                && (Uri.UnescapeDataString(message.Request.Uri.ToString()).Contains("PartitionKey='applied'", StringComparison.Ordinal) || BatchNamesApplied(message.Request)))
                throw new RequestFailedException(503, "injected: storage failed while the rollup recorded what it applied");
        }

        // The applied rows are written in transactions: the partition is named in the batch body, not the URL.
        private static bool BatchNamesApplied(Request request)
        {
            if (request.Content is null || !request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return false;
            using var body = new MemoryStream();
            request.Content.WriteTo(body, CancellationToken.None);
            return Uri.UnescapeDataString(System.Text.Encoding.UTF8.GetString(body.ToArray())).Contains("PartitionKey='applied'", StringComparison.Ordinal);
        }
    }

    private async Task ApplyAsync(int run, Step s, List<string> ids)
    {
        var store = f.Get<CaseStore>();
        var now = f.Time.GetUtcNow();
        string? Pick() => ids.Count == 0 ? null : ids[s.A % ids.Count];
        switch (s.Op)
        {
            case Op.Open:
            {
                var amount = 50m + s.B;
                var carc = Carcs[s.C % Carcs.Length];
                var claim = new ClaimSnapshot($"P{run}-{ids.Count}", "4", amount, 0m, null, "CI", $"I{run}-{ids.Count}", "1", null, null, null,
                    Providers[s.B % Providers.Length], null, null, [new AdjustmentSnapshot("claim", "CO", carc, amount, null, true)], [], [], 1);
                var entity = new CaseEntity
                {
                    CaseId = $"prop{run}x{ids.Count}", PayerId = Payers[s.A % Payers.Length], PatientControlNumber = claim.PatientControlNumber,
                    ClaimJson = claim.Serialize(), DeniedAmount = (double)amount, ChargeAmount = (double)amount, ReasonCodes = "CO-" + carc,
                    RemittanceDate = now.UtcDateTime.Date.AddDays(-(s.C % 20)),
                };
                await store.CreateAsync(entity, new CaseChange("Opened", CaseStatus.New, "system:ingest"));
                ids.Add(entity.CaseId);
                break;
            }
            case Op.Assign when Pick() is { } id:
                await store.ChangeAsync(id, c =>
                {
                    c.Category = Categories[s.B % Categories.Length];
                    c.AssignedTo = s.C % 4 == 0 ? null : Coders[s.C % Coders.Length];
                    c.Deadline = s.B % 3 == 0 ? null : now.UtcDateTime.Date.AddDays(s.C % 120 - 30);
                    return new CaseChange("Researched", CaseStatuses.IsClosed(c.StatusValue) ? null : CaseStatus.Researched, "system:research");
                });
                break;
            case Op.Approve when Pick() is { } id:
                await store.ChangeAsync(id, c => CaseStatuses.IsClosed(c.StatusValue) ? null
                    : new CaseChange("LetterApproved", s.B % 2 == 0 ? CaseStatus.Approved : CaseStatus.Sent, "user:" + Coders[s.B % Coders.Length]));
                break;
            case Op.PayerCloses when Pick() is { } id:
                await store.ChangeAsync(id, c =>
                {
                    if (CaseStatuses.IsClosed(c.StatusValue)) return null;
                    var status = PayerOutcomes[s.B % PayerOutcomes.Length];
                    c.ResolvedAt = now;
                    c.DaysToResolution = Math.Max(0, DateOnly.FromDateTime(now.UtcDateTime).DayNumber - ResolutionHandler.OpenedOn(c).DayNumber);
                    c.RecoveredAmount = status == CaseStatus.Upheld ? 0 : Math.Round(c.DeniedAmount * (s.C % 100 + 1) / 100.0, 2);
                    c.StatusBeforeResolution = c.Status;
                    return new CaseChange(status.ToString(), status, ResolutionHandler.Actor);
                });
                break;
            case Op.CoderCloses when Pick() is { } id:
                await f.Get<ResolutionHandler>().CloseAsync(id, CoderOutcomes[s.B % CoderOutcomes.Length], "reason " + s.C, "user:" + Coders[s.C % Coders.Length]);
                break;
            case Op.Reopen when Pick() is { } id:
                await store.ChangeAsync(id, c =>
                {
                    if (!CaseStatuses.IsClosed(c.StatusValue)) return null;
                    c.ResolvedAt = null;
                    c.DaysToResolution = null;
                    c.RecoveredAmount = 0;
                    return new CaseChange("Reopened", CaseStatus.Sent, ResolutionHandler.Actor);
                });
                break;
            case Op.MissDeadline when Pick() is { } id:
                await store.ChangeAsync(id, c =>
                {
                    if (c.DeadlineMissed || c.Deadline is null || CaseStatuses.IsClosed(c.StatusValue)) return null;
                    c.DeadlineMissed = true;
                    return new CaseChange("DeadlineMissed", null, DeadlineSweep.Actor);
                });
                break;
            case Op.Receipts:
            {
                // A file's receipts (a re-drop of the same file id replaces them).
                var contribution = new MetricsContribution();
                var key = new MetricsCellKey(MetricsCellKey.MonthPartition(DateOnly.FromDateTime(now.UtcDateTime)), Payers[s.A % Payers.Length], "", Providers[s.B % Providers.Length], "");
                contribution.Add(key, Counter.ClaimsReceived, 1 + s.C % 5);
                contribution.Add(key, Counter.ReceivedCents, 100 * (s.C + 1));
                await f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics).UpsertEntityAsync(new MetricsSourceEntity
                {
                    PartitionKey = MetricsSourceEntity.FileReceipts, RowKey = $"f{run}-{s.A % 3}", Json = contribution.Serialize(),
                }, TableUpdateMode.Replace);
                break;
            }
            case Op.Advance:
                f.Time.Advance(TimeSpan.FromDays(1 + s.A % 40));
                break;
            case Op.Rollup:
                await f.Get<MetricsRollup>().RunAsync();
                break;
        }
    }
}
