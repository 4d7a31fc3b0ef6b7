using DenialPipeline.Operations;
using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DenialPipeline.Tests.Review;

/// <summary>Rejection and approval rules of <see cref="ReviewHandler"/>, over in-memory tables and queues.</summary>
public sealed class ReviewHandlerTests
{
    private const string CaseId = "c1";
    private const string LetterId = "l1";
    private static readonly SignedInUser Coder = new("alice", Role.Coder);

    private readonly InMemoryTables _tables = new();
    private readonly InMemoryQueues _queues = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    private InMemoryTable Cases => _tables.Table(StorageNames.Tables.Cases);
    private InMemoryTable Letters => _tables.Table(StorageNames.Tables.Letters);

    private ReviewHandler Handler() => new(new LetterStore(_tables, new NoBlobs(), _time), new CaseStore(_tables, _time),
        new PipelineQueues(_queues), _time, NullLogger<ReviewHandler>.Instance);

    private void Seed(params MissingField[] missing)
    {
        Cases.Put(new CaseEntity { CaseId = CaseId, Status = nameof(CaseStatus.Drafted), Revision = 3, Action = "Appeal", LetterIds = LetterId });
        Letters.Put(new LetterEntity
        {
            LetterId = LetterId, CaseId = CaseId, Type = nameof(LetterType.Appeal),
            MissingFieldsJson = JsonSerializer.Serialize(missing, MessageJson.Options),
        });
    }

    private CaseEntity Case() => Cases.Rows<CaseEntity>().Single(c => c.RowKey == CaseEntity.RowKeyOf(CaseId));
    private LetterEntity Letter() => Letters.Rows<LetterEntity>().Single();
    private List<CaseHistoryEntity> History() => Cases.Rows<CaseHistoryEntity>().OrderBy(h => h.Revision).ToList();
    private int ResearchRequests() => _queues.Sent.Count(m => m.Queue == StorageNames.Queues.DenialResearch);

    [Fact]
    public async Task Reject_SendsTheCaseBackToResearch_ForANewDraftRound_WithTheReasonOnTheCaseAndInItsHistory()
    {
        Seed();
        var r = await Handler().RejectAsync(LetterId, Coder, "  Cite the LCD for 97110  ");

        Assert.Equal(Outcome.Done, r.Outcome);
        var letter = Letter();
        Assert.Equal(LetterStatus.Rejected, letter.StatusValue);
        Assert.Equal("user:alice", letter.RejectedBy);
        Assert.Equal("Coder", letter.RejectedByRole);
        Assert.Equal("Cite the LCD for 97110", letter.RejectReason);

        var c = Case();
        Assert.Equal(CaseStatus.New, c.StatusValue); // research acts on New cases
        Assert.Equal(2, c.DraftRound);
        Assert.Equal("Cite the LCD for 97110", c.LastRejectionReason);
        Assert.Equal(LetterId, c.LastRejectedLetterId);
        Assert.Equal("Appeal", c.Action); // not manual work

        var h = Assert.Single(History());
        Assert.Equal(("LetterRejected", "Drafted", "New", "user:alice", "Coder"), (h.Event, h.FromStatus, h.ToStatus, h.Actor, h.Role));
        Assert.Contains("Cite the LCD for 97110", h.Detail);
        // The status change and its history row in one transaction.
        Assert.Contains(Cases.Transactions, t => t.OfType<CaseEntity>().Any(x => x.Status == "New") && t.OfType<CaseHistoryEntity>().Any(x => x.Event == "LetterRejected"));
        Assert.Equal(1, ResearchRequests());
        Assert.Contains(_queues.Sent, m => m.Queue == StorageNames.Queues.DenialResearch && m.Message.Contains(CaseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reject_Again_RecordsTheRejectionOnce()
    {
        Seed();
        var handler = Handler();
        await handler.RejectAsync(LetterId, Coder, "Wrong policy cited");
        var again = await handler.RejectAsync(LetterId, new SignedInUser("bob", Role.Coder), "Another reason");

        Assert.Equal(Outcome.AlreadyDone, again.Outcome);
        Assert.Single(History(), h => h.Event == "LetterRejected");
        Assert.Equal(2, Case().DraftRound);
        Assert.Equal("Wrong policy cited", Case().LastRejectionReason);
    }

    [Fact]
    public async Task Reject_AfterTheLetterWasSavedButNotTheCase_CompletesTheCaseChangeOnRetry()
    {
        Seed();
        // A first attempt that stopped after the letter row: the letter is Rejected, the case knows nothing yet.
        var letter = Letter();
        letter.StatusValue = LetterStatus.Rejected;
        letter.RejectedBy = "user:alice";
        letter.RejectedByRole = "Coder";
        letter.RejectedAt = _time.GetUtcNow();
        letter.RejectReason = "Wrong policy cited";
        Letters.Put(letter);

        var r = await Handler().RejectAsync(LetterId, Coder, "Wrong policy cited");

        Assert.Equal(Outcome.AlreadyDone, r.Outcome);
        Assert.Equal(CaseStatus.New, Case().StatusValue);
        var h = Assert.Single(History());
        Assert.Equal(("LetterRejected", "user:alice", "Coder"), (h.Event, h.Actor, h.Role));
        Assert.Equal(1, ResearchRequests());
    }

    [Fact]
    public async Task Reject_ToManualWork_StaysResearched_AndAsksForNoResearch()
    {
        Seed();
        await Handler().RejectAsync(LetterId, Coder, "Needs the operative report first", manual: true);

        var c = Case();
        Assert.Equal(CaseStatus.Researched, c.StatusValue);
        Assert.Equal("ManualReview", c.Action);
        Assert.Equal(1, c.DraftRound);
        Assert.True(Letter().RejectedToManual);
        Assert.Equal(("LetterRejected", "Researched"), (History().Single().Event, History().Single().ToStatus));
        Assert.Equal(0, ResearchRequests());
    }

    [Fact]
    public async Task Approve_WithOpenNeedsInputFields_IsRefused_NamingThem_AndChangesNothing()
    {
        Seed(new MissingField("patient.memberId", "Medicare number (MBI)"), new MissingField("provider.signerName", "Signer"));
        var before = Letter();

        var r = await Handler().ApproveAsync(LetterId, Coder);

        Assert.Equal(Outcome.NeedsInput, r.Outcome);
        Assert.Contains("Medicare number (MBI) (patient.memberId)", r.Message);
        Assert.Contains("Signer (provider.signerName)", r.Message);
        Assert.Equal(["patient.memberId", "provider.signerName"], ((IReadOnlyList<MissingField>)r.Extensions[ReviewHandler.MissingFieldsExtension]!).Select(f => f.Path));
        var after = Letter();
        Assert.Equal(LetterStatus.PendingApproval, after.StatusValue);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Empty(History());
        Assert.Empty(_queues.Sent);

        var api = ReviewApi.ToApi(r);
        Assert.Equal(422, api.Status);
        Assert.Equal(ApiProblems.NeedsInput.Type, Assert.IsType<Microsoft.AspNetCore.Mvc.ProblemDetails>(api.Body).Type);
    }

    /// <summary>
    /// Every letter write with a stale If-Match (another coder changed the letter since this one read it) is refused with
    /// the current letter (412 in the API) and changes nothing: no status, no history row, no queued message.
    /// </summary>
    [Theory]
    [InlineData("approve")]
    [InlineData("reject")]
    [InlineData("edit")]
    [InlineData("submitted")]
    public async Task StaleIfMatch_IsAConflictWithTheCurrentLetter_AndChangesNothing(string action)
    {
        Seed();
        var stale = Letter().ETag.ToString();
        var store = new LetterStore(_tables, new NoBlobs(), _time);
        var changed = Letter();
        changed.EditedBy = "user:bob"; // another coder's change since
        if (action == "submitted") changed.StatusValue = LetterStatus.Approved;
        Assert.True(await store.TryUpdateAsync(changed));
        var before = Letter();

        var r = action switch
        {
            "approve" => await Handler().ApproveAsync(LetterId, Coder, stale),
            "reject" => await Handler().RejectAsync(LetterId, Coder, "wrong payer address", ifMatch: stale),
            "edit" => await Handler().EditAsync(LetterId, Coder, "<p>x</p>", null, stale),
            _ => await Handler().MarkSubmittedAsync(LetterId, Coder, new Submission(SubmissionChannel.Portal, "P-1", new DateOnly(2026, 11, 20)), stale),
        };

        Assert.Equal(Outcome.Stale, r.Outcome);
        Assert.Equal(before.ETag, r.Value!.ETag);
        var api = ReviewApi.ToApi(r);
        Assert.Equal(412, api.Status);
        Assert.NotNull(Assert.IsType<Microsoft.AspNetCore.Mvc.ProblemDetails>(api.Body).Extensions["current"]);
        var after = Letter();
        Assert.Equal((before.StatusValue, before.ETag, before.Version), (after.StatusValue, after.ETag, after.Version));
        Assert.Empty(History());
        Assert.Empty(_queues.Sent);
    }

    [Fact]
    public async Task Approve_WithEveryFieldFilled_QueuesDelivery()
    {
        Seed();
        var r = await Handler().ApproveAsync(LetterId, Coder);

        Assert.Equal(Outcome.Done, r.Outcome);
        Assert.Equal(LetterStatus.Approved, Letter().StatusValue);
        Assert.Equal(("LetterApproved", "user:alice", "Coder"), (History().Single().Event, History().Single().Actor, History().Single().Role));
        Assert.Single(_queues.Sent, m => m.Queue == StorageNames.Queues.LettersOutbox);
    }

    [Fact]
    public void LetterIds_AreStablePerRound_TheFirstRoundKeepsTheOriginalForm()
    {
        Assert.Equal(Keys.Hash("l", CaseId, nameof(LetterType.Appeal)), DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 1));
        Assert.Equal(DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 2), DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 2));
        Assert.NotEqual(DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 1), DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 2));
        Assert.NotEqual(DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 2), DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 3));
        Assert.True(Keys.IsValidTableKey(DraftHandler.LetterIdFor(CaseId, LetterType.Appeal, 2)));
    }
}
