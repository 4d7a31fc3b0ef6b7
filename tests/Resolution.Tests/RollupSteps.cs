using Azure.Data.Tables;
using CsCheck;
using DenialPipeline.Cases;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;

namespace DenialPipeline.Resolution.Tests;

/// <summary>
/// The rollup property tests' generator: sequences of 5–30 things that happen to cases and files (and rollup runs),
/// from a fixed seed so a run is repeatable, and how each is applied to a fixture's store.
/// </summary>
public static class RollupSteps
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

    public static Step[] Generate(ulong seed) => Steps.Generate(new PCG(7, seed), null, out _);

    public static async Task ApplyAsync(StorageFixture f, int run, Step s, List<string> ids)
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
