using DenialPipeline.Mail;
using DenialPipeline.Operations;
using DenialPipeline.Pipeline;
using System.Net;
using System.Net.Http.Headers;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Delivery;
using DenialPipeline.Letters;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;

using DenialPipeline.Tests.Review;

namespace DenialPipeline.Tests.Delivery;

/// <summary>
/// How <see cref="DeliverHandler"/> treats SendGrid's answers, over in-memory tables and a scripted mail client:
/// permanent refusals (400, 401, 403, …) fail the letter with the reason and are not retried; transient ones (429, 5xx,
/// timeouts, no connection) are retried with backoff and then handed back to the queue; a letter marked submitted while
/// its email was in flight keeps that.
/// </summary>
public sealed class DeliverHandlerTests
{
    private const string CaseId = "c1";
    private const string LetterId = "l1";

    private readonly InMemoryTables _tables = new();
    private readonly InMemoryQueues _queues = new();
    private readonly ShiftedClock _time = new();

    /// <summary>The system clock, moved forward on demand (timers stay real, so the handler's short backoffs still run).</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Shift;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Shift;
    }
    private readonly Mock<ISendGridClient> _mail = new();
    private int _calls;

    private InMemoryTable Cases => _tables.Table(StorageNames.Tables.Cases);
    private LetterStore Letters => new(_tables, new NoBlobs(), _time);
    private CaseStore CaseStore => new(_tables, _time);

    private static readonly DeliveryOptions Options = new() { SendAttempts = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetryAfter = TimeSpan.FromSeconds(2) };

    private DeliverHandler Handler() =>
        new(Letters, CaseStore, _mail.Object, new PipelineQueues(_queues), Microsoft.Extensions.Options.Options.Create(Options), _time, NullLogger<DeliverHandler>.Instance);

    public DeliverHandlerTests()
    {
        Cases.Put(new CaseEntity { CaseId = CaseId, Status = nameof(CaseStatus.Approved), Revision = 5, Action = "Appeal", LetterIds = LetterId, PayerId = "87726" });
        _tables.Table(StorageNames.Tables.Letters).Put(new LetterEntity
        {
            LetterId = LetterId, CaseId = CaseId, Type = nameof(LetterType.Appeal), Status = nameof(LetterStatus.Approved), ApprovedBy = "user:alice",
        });
    }

    private void Answer(params Func<Task<Response>>[] answers) =>
        _mail.Setup(m => m.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Returns(() => answers[Math.Min(Interlocked.Increment(ref _calls) - 1, answers.Length - 1)]());

    private static Func<Task<Response>> Status(int status, TimeSpan? retryAfter = null) => () =>
    {
        using var message = new HttpResponseMessage((HttpStatusCode)status);
        if (retryAfter is { } ra) message.Headers.RetryAfter = new RetryConditionHeaderValue(ra);
        return Task.FromResult(new Response((HttpStatusCode)status, new StringContent("{}"), message.Headers));
    };

    private async Task<LetterEntity> LetterAsync() => (await Letters.GetAsync(LetterId))!;
    private async Task<CaseEntity> CaseAsync() => (await CaseStore.GetAsync(CaseId))!;
    private Task<List<string>> EventsAsync() => Task.FromResult(Cases.Rows<CaseHistoryEntity>().OrderBy(h => h.Revision).Select(h => h.Event).ToList());

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task PermanentRefusal_FailsLetterAndCase_WithTheReason_SentOnce(int status)
    {
        Answer(Status(status));
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(1, _calls);
        var letter = await LetterAsync();
        Assert.Equal(LetterStatus.Failed, letter.StatusValue);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), letter.FailureReason);
        Assert.Null(letter.DeliveryClaimedUntil);
        var c = await CaseAsync();
        Assert.Equal(CaseStatus.Failed, c.StatusValue);
        Assert.Equal(letter.FailureReason, c.FailureReason);
        Assert.Equal("DeliveryFailed", (await EventsAsync()).Last());
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(0)] // a timeout
    [InlineData(-1)] // no connection
    public async Task TransientFailure_IsRetriedWithBackoff_ThenPutOffAsAnOutage_ThenGoesBackToTheQueue_LetterStillApproved(int status)
    {
        Answer(status switch
        {
            0 => () => Task.FromException<Response>(new TaskCanceledException("timeout", new TimeoutException())),
            -1 => () => Task.FromException<Response>(new HttpRequestException("connection refused")),
            _ => Status(status),
        });
        // Every send of the attempt failed: an outage. The delivery is put back on the queue for a minute, not failed.
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));
        Assert.Equal(Options.SendAttempts, _calls);
        var (queue, body) = Assert.Single(_queues.Sent);
        Assert.Equal(StorageNames.Queues.LettersOutbox, queue);
        Assert.Equal(new DeliveryRequested(LetterId, 1, Deferrals: 1), MessageJson.TryDeserialize<DeliveryRequested>(body));
        Assert.Equal(TimeSpan.FromMinutes(1), _queues.Delays[0]);
        var letter = await LetterAsync();
        Assert.Equal(LetterStatus.Approved, letter.StatusValue);
        Assert.Null(letter.DeliveryClaimedUntil); // released: the next attempt may send
        Assert.Equal(CaseStatus.Approved, (await CaseAsync()).StatusValue);

        // Put off as often as allowed: the queue runtime's retries take over (and finally the poison queue).
        await Assert.ThrowsAsync<TransientDeliveryException>(() => Handler().HandleAsync(new DeliveryRequested(LetterId, 1, Deferrals: Options.MaxDeferrals)));
        Assert.Equal(2 * Options.SendAttempts, _calls);
        Assert.Single(_queues.Sent);
        letter = await LetterAsync();
        Assert.Equal(LetterStatus.Approved, letter.StatusValue);
        Assert.Null(letter.DeliveryClaimedUntil);
        Assert.Equal(CaseStatus.Approved, (await CaseAsync()).StatusValue);
    }

    /// <summary>An outage puts the delivery off for 1, 4, 16, 60 and 60 minutes: about 2 h 20 min before the queue's retries and poison.</summary>
    [Fact]
    public async Task Outage_PutsTheDeliveryOffForLongerEachTime_UpToTheLongestDeferral()
    {
        Answer(Status(503));
        for (var deferrals = 0; deferrals < Options.MaxDeferrals; deferrals++)
            await Handler().HandleAsync(new DeliveryRequested(LetterId, 1, deferrals));

        Assert.Equal([1d, 4, 16, 60, 60], Enumerable.Range(0, Options.MaxDeferrals).Select(i => _queues.Delays[i]!.Value.TotalMinutes));
        Assert.Equal([1, 2, 3, 4, 5], _queues.Sent.Select(m => MessageJson.TryDeserialize<DeliveryRequested>(m.Message)!.Deferrals));
        Assert.Equal(LetterStatus.Approved, (await LetterAsync()).StatusValue);
    }

    [Fact]
    public void OutageDelay_GrowsFourfold_AndStopsAtTheLongestDeferral()
    {
        var o = new DeliveryOptions { OutageRetryDelay = TimeSpan.FromSeconds(30), MaxDeferral = TimeSpan.FromMinutes(10) };
        Assert.Equal([30d, 120, 480, 600, 600], Enumerable.Range(0, 5).Select(n => o.OutageDelay(n).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(10), o.OutageDelay(int.MaxValue));
    }

    [Fact]
    public async Task TransientThenAccepted_IsSent()
    {
        Answer(Status(503), Status(429, TimeSpan.FromMilliseconds(10)), Status(202));
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(3, _calls);
        Assert.Equal(LetterStatus.Sent, (await LetterAsync()).StatusValue);
        Assert.Equal(CaseStatus.Sent, (await CaseAsync()).StatusValue);
    }

    /// <summary>
    /// The first send of a delivery hangs past the claim's lease (a slow SendGrid: three sends with their 30-s timeouts and
    /// Retry-After waits take longer than <see cref="DeliverHandler.ClaimLease"/>), then fails transiently. Meanwhile another
    /// copy of the delivery (the coder approved the still-unsent letter again) found the claim expired, claimed the letter
    /// and sent it. The first attempt must not send it a second time.
    /// </summary>
    [Fact]
    public async Task ClaimRunsOutDuringRetries_AnotherCopySendsMeanwhile_TheFirstDoesNotSendAgain()
    {
        var accepted = 0;
        Answer(async () =>
        {
            _time.Shift += DeliverHandler.ClaimLease + TimeSpan.FromSeconds(30); // this send took that long, and then:
            Answer(() => { Interlocked.Increment(ref accepted); return Status(202)(); });
            await Handler().HandleAsync(new DeliveryRequested(LetterId, 1)); // the other copy: claim expired, it sends
            Assert.Equal(LetterStatus.Sent, (await LetterAsync()).StatusValue);
            return await Status(503)();
        });
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(1, accepted); // one email for one approval
        Assert.Equal(LetterStatus.Sent, (await LetterAsync()).StatusValue);
        Assert.Equal(CaseStatus.Sent, (await CaseAsync()).StatusValue);
        Assert.Single(await EventsAsync(), e => e == "LetterSent");
        Assert.Empty(_queues.Sent); // and nothing put back on the queue
    }

    /// <summary>A claim renewed before each send: a delivery whose sends together outlast one lease still sends once, as its own.</summary>
    [Fact]
    public async Task SlowSendsOutlastingOneLease_StillSendOnce()
    {
        Answer(() => { _time.Shift += TimeSpan.FromSeconds(70); return Status(503)(); },
               () => { _time.Shift += TimeSpan.FromSeconds(70); return Status(503)(); },
               Status(202));
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(3, _calls);
        var letter = await LetterAsync();
        Assert.Equal(LetterStatus.Sent, letter.StatusValue);
        Assert.Null(letter.DeliveryClaimedUntil);
        Assert.Equal(CaseStatus.Sent, (await CaseAsync()).StatusValue);
    }

    /// <summary>
    /// A coder marks the letter submitted (sent by fax after all) while its email is in flight, and SendGrid then refuses
    /// the email: the submission stands — the letter and the case stay Submitted, the case is not marked Failed.
    /// </summary>
    [Fact]
    public async Task PermanentRefusal_AfterTheLetterWasMarkedSubmittedMeanwhile_KeepsTheSubmission()
    {
        var review = new ReviewHandler(Letters, CaseStore, new PipelineQueues(_queues), _time, NullLogger<ReviewHandler>.Instance);
        Answer(async () =>
        {
            var marked = await review.MarkSubmittedAsync(LetterId, new SignedInUser("bob", Role.Coder),
                new Submission(SubmissionChannel.Fax, "FX-1", DateOnly.FromDateTime(DateTime.UtcNow)));
            Assert.Equal(Outcome.Done, marked.Outcome);
            return await Status(400)();
        });
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(LetterStatus.Submitted, (await LetterAsync()).StatusValue);
        var c = await CaseAsync();
        Assert.Equal(CaseStatus.Submitted, c.StatusValue);
        Assert.Null(c.FailureReason);
        Assert.DoesNotContain("DeliveryFailed", await EventsAsync());
    }

    /// <summary>
    /// SendGrid answers 429 with a Retry-After longer than the handler waits: the delivery goes back on the queue invisible
    /// for that long (the queue's own retries come within seconds and would poison it first), the letter stays Approved;
    /// after <see cref="DeliveryOptions.MaxDeferrals"/> such waits it counts as a transient failure.
    /// </summary>
    [Fact]
    public async Task LongRetryAfter_PutsTheDeliveryBackOnTheQueueForThatLong_NotFailed()
    {
        Answer(Status(429, TimeSpan.FromSeconds(90)));
        await Handler().HandleAsync(new DeliveryRequested(LetterId, 1));

        Assert.Equal(1, _calls);
        var (queue, body) = Assert.Single(_queues.Sent);
        Assert.Equal(StorageNames.Queues.LettersOutbox, queue);
        Assert.Equal(new DeliveryRequested(LetterId, 1, Deferrals: 1), MessageJson.TryDeserialize<DeliveryRequested>(body));
        Assert.Equal(TimeSpan.FromSeconds(90), _queues.Delays[0]);
        var letter = await LetterAsync();
        Assert.Equal(LetterStatus.Approved, letter.StatusValue);
        Assert.Null(letter.DeliveryClaimedUntil);
        Assert.Equal(CaseStatus.Approved, (await CaseAsync()).StatusValue);

        // Deferred as often as allowed: then the queue runtime's retries (and finally the poison queue) take over.
        await Assert.ThrowsAsync<TransientDeliveryException>(() => Handler().HandleAsync(new DeliveryRequested(LetterId, 1, Deferrals: Options.MaxDeferrals)));
        Assert.Single(_queues.Sent);
    }

    /// <summary>
    /// The last attempt of a delivery message fails (SendGrid down) just after a coder marked the letter submitted by fax:
    /// the message goes to poison, but the case keeps its submission instead of showing Failed.
    /// </summary>
    [Fact]
    public async Task Poison_OfADeliveryWhoseLetterWasMarkedSubmittedMeanwhile_LeavesTheCaseSubmitted()
    {
        var review = new ReviewHandler(Letters, CaseStore, new PipelineQueues(_queues), _time, NullLogger<ReviewHandler>.Instance);
        Assert.Equal(Outcome.Done, (await review.MarkSubmittedAsync(LetterId, new SignedInUser("bob", Role.Coder),
            new Submission(SubmissionChannel.Mail, "certified 7019", DateOnly.FromDateTime(DateTime.UtcNow)))).Outcome);

        var poison = new PoisonHandler([new DeliveryPoisonRecorder(Letters, CaseStore)], NullLogger<PoisonHandler>.Instance);
        await poison.HandleAsync(StorageNames.Queues.LettersOutbox, MessageJson.Serialize(new DeliveryRequested(LetterId, 1)), nameof(TransientDeliveryException));

        Assert.Equal(LetterStatus.Submitted, (await LetterAsync()).StatusValue);
        var c = await CaseAsync();
        Assert.Equal(CaseStatus.Submitted, c.StatusValue);
        Assert.Null(c.FailureReason);

        // A letter still Approved is failed, and the case shows it (the usual poison path).
        _tables.Table(StorageNames.Tables.Letters).Put(new LetterEntity { LetterId = "l2", CaseId = CaseId, Type = nameof(LetterType.Appeal), Status = nameof(LetterStatus.Approved) });
        await poison.HandleAsync(StorageNames.Queues.LettersOutbox, MessageJson.Serialize(new DeliveryRequested("l2", 1)), nameof(TransientDeliveryException));
        Assert.Equal(LetterStatus.Failed, (await Letters.GetAsync("l2"))!.StatusValue);
        Assert.Equal(CaseStatus.Failed, (await CaseAsync()).StatusValue);
        Assert.Contains("letters-outbox-poison", (await CaseAsync()).FailureReason);
    }
}
