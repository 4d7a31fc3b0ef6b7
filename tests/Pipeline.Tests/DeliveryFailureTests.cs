using System.Text.Json;
using DenialPipeline.Storage;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

public sealed class DeliveryFailureTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    private static async Task<(string CaseId, string LetterId)> ApproveFirstLetterAsync(PipelineFixture pipeline)
    {
        await pipeline.DropAsync("medicare.835", Sample("medicare-part-b-2026-11-05.835"));
        var pending = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters?status=pending"),
            l => l.GetArrayLength() >= 1, "a letter pending approval");
        var letter = pending[0];
        var letterId = letter.GetProperty("id").GetString()!;
        var r = await pipeline.Http.ApproveAsync(letterId);
        r.EnsureSuccessStatusCode();
        return (letter.GetProperty("caseId").GetString()!, letterId);
    }

    /// <summary>Outages put the delivery off for 1 s, then 4 s (instead of 1 and 4 minutes), twice, before the queue's retries.</summary>
    private sealed class ShortOutagesPipeline : PipelineFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Delivery:OutageRetryDelay"] = "00:00:01",
            ["Delivery:MaxDeferrals"] = "2",
        };
    }

    [Fact]
    public async Task MailServiceAlwaysFailing_IsPutOffAsAnOutage_ThenEndsInPoisonQueue_AndCaseShowsTheFailure()
    {
        var pipeline = new ShortOutagesPipeline();
        await pipeline.InitializeAsync();
        try
        {
            var calls = 0;
            pipeline.Mail.RespondWith = () => { Interlocked.Increment(ref calls); return 500; };
            var (caseId, letterId) = await ApproveFirstLetterAsync(pipeline);

            var failed = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases/{caseId}"),
                c => c.GetProperty("case").GetProperty("status").GetString() == "Failed", "the case to show the failure", seconds: 90);
            Assert.Contains("letters-outbox", failed.GetProperty("case").GetProperty("failureReason").GetString());
            Assert.Equal("Failed", failed.GetProperty("history").EnumerateArray().Last().GetProperty("event").GetString());

            var poisoned = await PipelineFixture.EventuallyAsync(() => pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.LettersOutbox)),
                m => m.Count == 1, "the message in letters-outbox-poison");
            Assert.Contains(letterId, poisoned[0]);
            // Delivery:SendAttempts (3) sends, put off twice as an outage (3 + 3 sends), then host.json maxDequeueCount:
            // five dequeues of 3 sends each, then poison.
            Assert.Equal(3 + 3 + (5 * 3), Volatile.Read(ref calls));
            var letter = await pipeline.GetJsonAsync($"/api/letters/{letterId}");
            Assert.Equal("Failed", letter.GetProperty("letter").GetProperty("status").GetString());
            Assert.Empty(pipeline.Mail.Mails);
        }
        finally
        {
            await pipeline.DisposeAsync();
        }
    }

    [Fact]
    public async Task MailServiceRefusing_MarksLetterFailedWithReason_WithoutRetrying()
    {
        var pipeline = new PipelineFixture();
        await pipeline.InitializeAsync();
        try
        {
            var calls = 0;
            pipeline.Mail.RespondWith = () => { Interlocked.Increment(ref calls); return 400; };
            var (caseId, letterId) = await ApproveFirstLetterAsync(pipeline);

            var letter = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/letters/{letterId}"),
                l => l.GetProperty("letter").GetProperty("status").GetString() == "Failed", "the letter to fail");
            Assert.Contains("400", letter.GetProperty("letter").GetProperty("failureReason").GetString());
            var c = await pipeline.GetJsonAsync($"/api/cases/{caseId}");
            Assert.Equal("Failed", c.GetProperty("case").GetProperty("status").GetString());
            Assert.Equal(1, Volatile.Read(ref calls));
            Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.LettersOutbox)));
        }
        finally
        {
            await pipeline.DisposeAsync();
        }
    }
}
