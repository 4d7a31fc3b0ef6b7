using DenialPipeline.Api;
using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.LocalHost;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DenialPipeline.Resolution.Tests;

public sealed class DeadlineSweepTests(StorageFixture f) : IClassFixture<StorageFixture>
{
    private static int _n;

    private async Task<string> CaseAsync(DateTime? deadline, string? assignedTo, CaseStatus status = CaseStatus.Researched)
    {
        var claim = new ClaimSnapshot("PCN-SECRET-1", "4", 100m, 0m, null, "CI", "ICN-SECRET-1", "1", "JANE DOE", "MEMBER-77", null, "1111111111",
            null, null, [new AdjustmentSnapshot("claim", "CO", "50", 100m, null, true)], [], [], 1);
        var id = $"sweep{Interlocked.Increment(ref _n)}x{Guid.NewGuid():N}";
        await f.Get<CaseStore>().CreateAsync(new CaseEntity
        {
            CaseId = id, PayerId = "11111", PatientControlNumber = claim.PatientControlNumber, ClaimJson = claim.Serialize(), DeniedAmount = 100,
            Priority = 100, Deadline = deadline, AssignedTo = assignedTo, RemittanceDate = f.Time.GetUtcNow().UtcDateTime.Date,
        }, new CaseChange("Opened", status, "system:ingest"));
        return id;
    }

    private Task<CaseEntity?> GetAsync(string id) => f.Get<CaseStore>().GetAsync(id);

    // Tests share the fixture's clock, which only moves forward: each test counts its days from a fresh day 0,
    // 400 days after wherever the clock is (so other tests' cases are long past their deadlines and already flagged).
    private DateTimeOffset _day0;

    private void Start() => _day0 = new DateTimeOffset(f.Time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(400);

    private void At(int day, int hour = 6) => f.Time.SetUtcNow(_day0.AddDays(day).AddHours(hour));

    private DateTime Day(int day) => _day0.AddDays(day).UtcDateTime;

    [Fact]
    public async Task Reminders_14_7_1_OncePerThreshold_RaisePriority_ThenMissedIsFlagged_NoPhiInMail()
    {
        Start();
        At(0);
        var x = await CaseAsync(Day(14), "user:alice@clinic.test");       // 14 days left
        var y = await CaseAsync(Day(3), null);                            // 3 days left: the 7-day reminder first
        var none = await CaseAsync(null, "user:alice@clinic.test");       // no deadline: skipped
        var closed = await CaseAsync(Day(1), "user:bob@clinic.test", CaseStatus.WrittenOff);
        var sweep = f.Get<DeadlineSweep>();
        f.Mail.Sent.Clear();

        await sweep.RunAsync();
        Assert.Equal((14, 125d), ((await GetAsync(x))!.LastReminderDays, (await GetAsync(x))!.Priority));
        Assert.Equal((7, 150d), ((await GetAsync(y))!.LastReminderDays, (await GetAsync(y))!.Priority));
        Assert.Null((await GetAsync(none))!.LastReminderDays);
        Assert.Null((await GetAsync(closed))!.LastReminderDays);
        var mails = f.Mail.Sent.ToList();
        Assert.Equal(2, mails.Count);
        var toAlice = Assert.Single(mails, m => m.Personalizations[0].Tos[0].Email == "alice@clinic.test");
        Assert.Single(mails, m => m.Personalizations[0].Tos[0].Email == "denials-team@localhost.test"); // unassigned → team mailbox
        var body = toAlice.Serialize();
        Assert.Contains($"https://denials.example.test/cases/{x}", body);
        // The case id is the one thing the mail must carry (link, custom arg). It is random hex here (a hash in production)
        // and spells "100" — the claim's amount — in about 1 of 170 ids: look for PHI in everything but the id.
        var withoutId = body.Replace(x, "<case>", StringComparison.Ordinal);
        foreach (var phi in new[] { "JANE", "DOE", "MEMBER-77", "PCN-SECRET", "ICN-SECRET", "100", Day(14).ToString("yyyy-MM-dd"), "CO-50" })
            Assert.DoesNotContain(phi, withoutId, StringComparison.OrdinalIgnoreCase);

        await sweep.RunAsync(); // same day: nothing again
        Assert.Equal(2, f.Mail.Sent.Count);

        At(2); // y: 1 day left
        await sweep.RunAsync();
        Assert.Equal((1, 200d), ((await GetAsync(y))!.LastReminderDays, (await GetAsync(y))!.Priority));
        At(7); // x: 7 days left
        await sweep.RunAsync();
        Assert.Equal((7, 150d), ((await GetAsync(x))!.LastReminderDays, (await GetAsync(x))!.Priority));
        var yNow = (await GetAsync(y))!;
        Assert.True(yNow.DeadlineMissed); // y's deadline (day 3) passed
        Assert.Equal(300d, yNow.Priority);
        At(13); // x: 1 day left
        await sweep.RunAsync();
        Assert.Equal(1, (await GetAsync(x))!.LastReminderDays);
        At(15); // x: missed
        await sweep.RunAsync();
        var xNow = (await GetAsync(x))!;
        Assert.True(xNow.DeadlineMissed);
        Assert.Equal(300d, xNow.Priority);
        var sent = f.Mail.Sent.Count;
        await sweep.RunAsync();
        Assert.Equal(sent, f.Mail.Sent.Count);

        var events = (await f.Get<CaseStore>().HistoryAsync(x)).Select(h => h.Event).ToList();
        Assert.Equal(["Opened", "DeadlineReminder", "DeadlineReminder", "DeadlineReminder", "DeadlineMissed"], events);
    }

    [Fact]
    public async Task TwoSweepsAtOnce_OnTheSameStorage_MailEachReminderOnce()
    {
        Start();
        At(0);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await CaseAsync(Day(10 + i), $"user:erin{i}@clinic.test"));
        f.Mail.Sent.Clear();
        f.Mail.Latency = TimeSpan.FromMilliseconds(300); // both sweeps would have mailed before either recorded
        try
        {
            // Two hosts' clocks (or the host's 06:00 run and the sweep command): separate sweep instances, one storage.
            var other = new DeadlineSweep(f.Get<TableServiceClient>(), f.Get<CaseStore>(), f.Mail,
                f.Get<Microsoft.Extensions.Options.IOptions<DenialPipeline.Mail.DeliveryOptions>>(), f.Get<Microsoft.Extensions.Options.IOptions<DeadlineOptions>>(),
                new StorageSingleton(f.Get<Azure.Storage.Blobs.BlobServiceClient>()), f.Time, NullLogger<DeadlineSweep>.Instance);
            var results = await Task.WhenAll(f.Get<DeadlineSweep>().RunAsync(), other.RunAsync());
            for (var i = 0; i < ids.Count; i++)
                Assert.Single(f.Mail.Sent, m => m.Personalizations[0].Tos[0].Email == $"erin{i}@clinic.test");
            Assert.Equal(3, f.Mail.Sent.Count);
            Assert.Single(results, r => r.AnotherSweepRunning);
            Assert.Equal(3, results.Sum(r => r.Reminded));
        }
        finally
        {
            f.Mail.Latency = TimeSpan.Zero;
        }

        var again = await f.Get<DeadlineSweep>().RunAsync(); // the lock was released: the next sweep runs (and finds nothing new)
        Assert.False(again.AnotherSweepRunning);
        Assert.Equal(3, f.Mail.Sent.Count);
    }

    [Fact]
    public async Task MailFailure_ThresholdNotRecorded_RetriedNextRun()
    {
        Start();
        At(0);
        var id = await CaseAsync(Day(9), "user:carol@clinic.test");
        f.Mail.Status = HttpStatusCode.InternalServerError;
        try
        {
            var r = await f.Get<DeadlineSweep>().RunAsync();
            Assert.True(r.MailFailures >= 1);
            Assert.Null((await GetAsync(id))!.LastReminderDays);
        }
        finally
        {
            f.Mail.Status = HttpStatusCode.Accepted;
        }
        await f.Get<DeadlineSweep>().RunAsync();
        Assert.Equal(14, (await GetAsync(id))!.LastReminderDays);
    }

    [Fact]
    public async Task LocalClockService_RunsSweepAt0600_AndRollupEvery5Minutes_OnTheFakeClock()
    {
        Start();
        f.Time.SetUtcNow(_day0.AddHours(5).AddMinutes(58));
        var id = await CaseAsync(Day(7), "user:dave@clinic.test"); // 7 days left on day 0
        using var service = new ClockService(f.Get<DeadlineSweep>(), f.Get<MetricsRollup>(), f.Time, NullLogger<ClockService>.Instance);
        var sweepArmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rollupArmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.Armed = name => (name == nameof(DeadlineSweep) ? sweepArmed : rollupArmed).TrySetResult();
        await service.StartAsync(CancellationToken.None);
        try
        {
            // Both loops wait for 06:00 before the clock moves (else a loop still arming could count from a later time).
            await Task.WhenAll(sweepArmed.Task, rollupArmed.Task).WaitAsync(TimeSpan.FromSeconds(20));
            f.Time.Advance(TimeSpan.FromMinutes(1)); // 05:59: nothing due
            await Task.Delay(300);
            Assert.Null((await GetAsync(id))!.LastReminderDays);

            f.Time.Advance(TimeSpan.FromMinutes(1)); // 06:00: the sweep (and the 5-minute rollup) fire
            await EventuallyAsync(async () => (await GetAsync(id))!.LastReminderDays == 7, "the 06:00 sweep");
            var metrics = f.Get<TableServiceClient>().GetTableClient(StorageNames.Tables.Metrics);
            await EventuallyAsync(async () => (await metrics.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow)) is { HasValue: true } s
                                              && s.Value!.LastRunAt == _day0.AddHours(6), "the 06:00 rollup");
            // The next run waits for 06:05. The loop re-arms its timer after the 06:00 run returns, which the test cannot
            // observe: move the clock 5 minutes at a time until a run after 06:00 is seen (each step is a 5-minute mark).
            await EventuallyAsync(async () =>
            {
                f.Time.Advance(TimeSpan.FromMinutes(5));
                await Task.Delay(200);
                var last = (await metrics.GetEntityIfExistsAsync<RollupStateEntity>(RollupStateEntity.Partition, RollupStateEntity.StateRow)).Value!.LastRunAt;
                return last > _day0.AddHours(6) && last!.Value.Minute % 5 == 0 && last.Value.Second == 0;
            }, "a rollup at a later 5-minute mark");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(100);
        }
    }

    [Theory]
    [InlineData("2026-01-05T05:59:00Z", Clocks.DeadlineSweep, "2026-01-05T06:00:00Z")]
    [InlineData("2026-01-05T06:00:00Z", Clocks.DeadlineSweep, "2026-01-06T06:00:00Z")]
    [InlineData("2026-12-31T23:00:00Z", Clocks.DeadlineSweep, "2027-01-01T06:00:00Z")]
    [InlineData("2026-01-05T10:02:30Z", Clocks.MetricsRollup, "2026-01-05T10:05:00Z")]
    [InlineData("2026-01-05T23:55:00Z", Clocks.MetricsRollup, "2026-01-06T00:00:00Z")]
    public void Schedules_NextOccurrence(string after, string cron, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Clocks.Next(cron, DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(15, null)]
    [InlineData(14, 14)]
    [InlineData(8, 14)]
    [InlineData(7, 7)]
    [InlineData(2, 7)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    [InlineData(-1, null)]
    public void ThresholdFor_DaysLeft(int daysLeft, int? expected) => Assert.Equal(expected, DeadlineSweep.ThresholdFor(daysLeft));

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("CO-50", "CO-50")]
    [InlineData("", "")]
    // A ';' (a list separator in many locales) or a tab would start a new cell in the middle: the whole cell is quoted.
    [InlineData("alice;=1+2", "\"alice;=1+2\"")]
    [InlineData("bob\t=1+2", "\"bob\t=1+2\"")]
    [InlineData("\t=1+2", "\"'\t=1+2\"")]
    public void Csv_Escape_DefeatsFormulaInjection(string cell, string expected) => Assert.Equal(expected, MetricsCsv.Escape(cell));

    [Fact]
    public void Csv_Write_EscapesEveryKeyThatComesFromData()
    {
        // Payer ids, provider NPIs and CARCs come from payers' files (a CSV report can put anything there); coders are names.
        const string hostile = "=cmd|' /C calc'!A0";
        MetricsFigures F(string key) => new(key, 1, 1m, 1, 1m, 1, 0, 0, 0, 0, 0, 0, 0, null, 0m, null, null, 0, 0);
        var report = new MetricsReport("2026-01", "2026-01", null, null, new DateOnly(2026, 1, 31), null, F("total"), [F("2026-01")],
            [new CarcFigures("CO-" + hostile, 1, 1m, 1)], [F("Uncategorized")], [F(hostile)], [F("+" + hostile)], [F("x;" + hostile)],
            new OpenCaseFigures(0, new Dictionary<string, long>(), new Dictionary<string, long>()));
        var lines = MetricsCsv.Write(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("payer,'=cmd|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("provider,'+=cmd|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("coder,\"x;=cmd|", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("carc,CO-=cmd|", StringComparison.Ordinal));
    }
}
