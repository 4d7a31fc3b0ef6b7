using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DenialPipeline.Pipeline.Tests.ReviewTestSupport;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// POST /api/cases/{id}/retry: a case research or drafting failed on every attempt (Failed, its message poisoned) is
/// researched and drafted again when a Coder or Admin asks, as a failed file is ingested again.
/// </summary>
public sealed class CaseRetryTests
{
    private const string DraftingPoisoned =
        "Processing in stage 'denial-drafting' failed on every attempt (RequestFailedException); the message was moved to 'denial-drafting-poison'.";

    [Fact]
    public async Task FailedCase_RetriedByACoder_IsResearchedAndDraftedAgain_KeepingItsLetter()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var caseId = letter.Str("caseId");
            await p.Services.GetRequiredService<CaseStore>().MarkPoisonedAsync(caseId, DraftingPoisoned); // what the poison recorder does
            Assert.Equal("Failed", (await p.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case").Str("status"));

            Assert.Equal(HttpStatusCode.Forbidden, (await p.ClientAs("manager").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/retry", null))).StatusCode);
            var retried = await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/retry", null));
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.Equal("New", (await retried.ReadJsonAsync()).Str("status"));

            var detail = await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/cases/{caseId}"),
                d => d.GetProperty("case").Str("status") == "Drafted", "the case researched and drafted again");
            var events = detail.GetProperty("history").EnumerateArray().ToList();
            var failed = events.FindLastIndex(e => e.Str("event") == "Failed");
            Assert.Equal(["Retried", "Researched", "Drafted"], events.Skip(failed + 1).Select(e => e.Str("event")));
            var retry = events[failed + 1];
            Assert.Equal("user:coder", retry.Str("actor"));
            Assert.Contains("denial-drafting", retry.Str("detail"));
            Assert.Equal(letter.Id(), Assert.Single(detail.GetProperty("letters").EnumerateArray()).Id()); // the letter kept, none drafted twice

            // Not failed any more: nothing to retry.
            Assert.Equal(HttpStatusCode.Conflict, (await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/retry", null))).StatusCode);

            // A retry whose research request was lost (the send failed after the case went back to New): asking again
            // queues its research again instead of answering "it is New".
            var store = p.Services.GetRequiredService<CaseStore>();
            await store.MarkPoisonedAsync(caseId, DraftingPoisoned);
            await store.ChangeAsync(caseId, c => { c.FailureReason = null; return new CaseChange("Retried", CaseStatus.New, "user:coder", "lost send"); });
            Assert.Equal(HttpStatusCode.Accepted, (await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/retry", null))).StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/cases/{caseId}"),
                d => d.GetProperty("case").Str("status") == "Drafted", "the lost retry researched and drafted");
        }
        finally
        {
            await p.DisposeAsync();
        }
    }

    [Fact]
    public async Task CaseFailedInDelivery_IsNotResearchedAgain_ItsLetterIsApprovedAgainInstead()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var caseId = letter.Str("caseId");
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(letter.Id())).StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/letters/{letter.Id()}"),
                l => l.GetProperty("letter").Str("status") == "Sent", "the letter sent");
            // What a delivery that failed every attempt leaves (DeliveryPoisonRecorder): the letter Failed, the case Failed.
            var letters = p.Services.GetRequiredService<DenialPipeline.Letters.LetterStore>();
            var entity = (await letters.GetAsync(letter.Id()))!;
            entity.StatusValue = DenialPipeline.Letters.LetterStatus.Failed;
            Assert.True(await letters.TryUpdateAsync(entity));
            await p.Services.GetRequiredService<CaseStore>().MarkPoisonedAsync(caseId, $"Letter {letter.Id()}: delivery failed on every attempt.");

            var refused = await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/retry", null));
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("Approve the letter again", (await refused.ReadJsonAsync()).Str("detail"));
            Assert.Equal("Failed", (await p.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("case").Str("status"));
            Assert.Equal(HttpStatusCode.NotFound, (await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, "/api/cases/no-such-case/retry", null))).StatusCode);
        }
        finally
        {
            await p.DisposeAsync();
        }
    }
}
