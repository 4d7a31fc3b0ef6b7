using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using static DenialPipeline.Pipeline.Tests.ReviewTestSupport;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Coder review through the API: each test starts its own pipeline (no shared data).</summary>
public sealed class ReviewTests
{
    private static int MailsFor(PipelineFixture p, string letterId) => p.Mail.Mails.Count(m => m.Body.Contains($"/letters/{letterId}", StringComparison.Ordinal));

    [Fact]
    public async Task TwoApproversWithTheSameETag_ExactlyOneWins_TheOtherGets412WithTheCurrentVersion()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var etag = letter.Str("eTag");
            var attempts = await Task.WhenAll(
                p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/letters/{letter.Id()}/approve", null, etag)),
                p.ClientAs("coder2").SendAsync(Json(HttpMethod.Post, $"/api/letters/{letter.Id()}/approve", null, etag)));

            Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.OK);
            var loser = Assert.Single(attempts, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            var conflict = await loser.ReadJsonAsync();
            Assert.Equal("urn:denial-pipeline:problem:stale", conflict.Str("type"));
            var current = conflict.GetProperty("current");
            Assert.Equal("Approved", current.Str("status"));
            Assert.NotEqual(etag, current.Str("eTag"));

            await PipelineFixture.EventuallyAsync(() => Task.FromResult(MailsFor(p, letter.Id())), n => n == 1, "one email");
            var history = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history");
            var approvals = history.EnumerateArray().Where(h => h.Str("event") == "LetterApproved").ToList();
            var approval = Assert.Single(approvals);
            Assert.Contains(approval.Str("actor"), new[] { "user:coder", "user:coder2" });
            Assert.Equal("Coder", approval.Str("role"));
        }
        finally { await p.DisposeAsync(); }
    }

    /// <summary>
    /// Approves with a fresh ETag. Delivery may turn the letter from Approved to Sent between reading the ETag and the
    /// approve (a 412 with the current letter, as designed): the coder reads it again and approves that.
    /// </summary>
    private static async Task<HttpResponseMessage> ApproveAgainAsync(HttpClient coder, string letterId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var r = await coder.ApproveAsync(letterId);
            if (r.StatusCode != HttpStatusCode.PreconditionFailed || attempt >= 5) return r;
        }
    }

    [Fact]
    public async Task ApprovingTwice_IsHarmless_OneEmail()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var coder = p.ClientAs("coder");
            Assert.Equal(HttpStatusCode.OK, (await coder.ApproveAsync(letter.Id())).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ApproveAgainAsync(coder, letter.Id())).StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/letters/{letter.Id()}"),
                l => l.GetProperty("letter").Str("status") == "Sent", "the letter to be sent");
            Assert.Equal(HttpStatusCode.OK, (await coder.ApproveAsync(letter.Id())).StatusCode);
            await Task.Delay(1500);
            Assert.Equal(1, MailsFor(p, letter.Id()));
            var history = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history");
            Assert.Single(history.EnumerateArray(), h => h.Str("event") == "LetterApproved");
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task Edit_StoresASanitizedNewVersion_OldVersionIntact_StaleEditGets412()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var id = letter.Id();
            var original = (await p.GetJsonAsync($"/api/letters/{id}")).Str("html");
            var coder = p.ClientAs("coder");

            // No If-Match: refused (an edit must say which version it changes).
            Assert.Equal((HttpStatusCode)428, (await coder.SendAsync(Json(HttpMethod.Put, $"/api/letters/{id}", new { html = "<p>x</p>" }))).StatusCode);

            const string edited = "<p onclick=\"steal()\">Revised appeal.<script>alert(1)</script></p><a href=\"javascript:alert(2)\">link</a><p style=\"color:red\">Kept text</p>";
            var put = await coder.SendAsync(Json(HttpMethod.Put, $"/api/letters/{id}", new { html = edited }, letter.Str("eTag")));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var saved = await put.ReadJsonAsync();
            Assert.Equal(2, saved.GetProperty("version").GetInt32());
            Assert.Equal(put.Headers.ETag?.ToString() ?? saved.Str("eTag"), saved.Str("eTag"));

            var v2 = (await p.GetJsonAsync($"/api/letters/{id}")).Str("html");
            Assert.Contains("Revised appeal.", v2);
            Assert.Contains("Kept text", v2);
            foreach (var bad in new[] { "<script", "onclick", "javascript:", "style=" })
                Assert.DoesNotContain(bad, v2, StringComparison.OrdinalIgnoreCase);

            var versions = await p.GetJsonAsync($"/api/letters/{id}/versions");
            Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
            Assert.True(versions[1].GetProperty("current").GetBoolean());
            Assert.Equal("user:coder", versions[1].Str("editedBy"));
            Assert.Equal(original, (await p.GetJsonAsync($"/api/letters/{id}/versions/1")).Str("html"));
            Assert.Equal(v2, (await p.GetJsonAsync($"/api/letters/{id}/versions/2")).Str("html"));
            Assert.Equal(HttpStatusCode.NotFound, (await coder.GetAsync($"/api/letters/{id}/versions/3")).StatusCode);

            // A second coder still holding the first ETag: 412 with the current letter, nothing overwritten.
            var stale = await p.ClientAs("coder2").SendAsync(Json(HttpMethod.Put, $"/api/letters/{id}", new { html = "<p>Other</p>" }, letter.Str("eTag")));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal(2, (await stale.ReadJsonAsync()).GetProperty("current").GetProperty("version").GetInt32());
            Assert.Equal(v2, (await p.GetJsonAsync($"/api/letters/{id}")).Str("html"));

            var history = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history");
            var edit = Assert.Single(history.EnumerateArray(), h => h.Str("event") == "LetterEdited");
            Assert.Equal("user:coder", edit.Str("actor"));
            Assert.Equal("Coder", edit.Str("role"));
            Assert.Equal("Drafted", edit.Str("toStatus"));
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task Reject_SendsTheCaseBackThroughResearchAndDrafting_ANewLetterIsDrafted_TheOldStaysRejected()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var caseId = letter.Str("caseId");
            var coder = p.ClientAs("coder");
            var r = await coder.RejectAsync(letter.Id(), new { reason = "Cite the coverage determination" });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);

            // Research and drafting run again: a new letter of the same type, with a new id, pending approval.
            var detail = await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/cases/{caseId}"),
                // The letter row is written before the case records it (Drafted): wait for both.
                c => c.GetProperty("letters").EnumerateArray().Any(l => l.Id() != letter.Id() && l.Str("status") == "PendingApproval")
                    && c.GetProperty("case").Str("status") == "Drafted",
                "a new letter drafted after the rejection, and the case Drafted");
            var letters = detail.GetProperty("letters").EnumerateArray().ToList();
            Assert.Equal(2, letters.Count);
            var old = Assert.Single(letters, l => l.Id() == letter.Id());
            Assert.Equal("Rejected", old.Str("status"));
            Assert.Equal("Cite the coverage determination", old.Str("rejectReason"));
            var redraft = Assert.Single(letters, l => l.Id() != letter.Id());
            Assert.Equal(letter.Str("type"), redraft.Str("type"));
            Assert.Equal(2, redraft.GetProperty("attempt").GetInt32());
            Assert.Equal(1, old.GetProperty("attempt").GetInt32());

            var summary = detail.GetProperty("case");
            Assert.Equal("Drafted", summary.Str("status"));
            Assert.Equal(2, summary.GetProperty("draftRound").GetInt32());
            Assert.Equal("Cite the coverage determination", summary.GetProperty("lastRejection").Str("reason"));
            Assert.Equal(letter.Id(), summary.GetProperty("lastRejection").Str("letterId"));

            // Every status change has its history row: rejected (back to New, by the coder), researched again (with the reason), drafted.
            var history = detail.GetProperty("history").EnumerateArray().ToList();
            var rejected = history.FindIndex(h => h.Str("event") == "LetterRejected");
            Assert.True(rejected >= 0);
            Assert.Equal(("New", "user:coder", "Coder"), (history[rejected].Str("toStatus"), history[rejected].Str("actor"), history[rejected].Str("role")));
            Assert.Contains("Cite the coverage determination", history[rejected].Str("detail"));
            var after = history.Skip(rejected + 1).ToList();
            Assert.Equal(["Researched", "Drafted"], after.Select(h => h.Str("event")));
            Assert.Contains("Cite the coverage determination", after[0].Str("detail"));
            Assert.Contains(redraft.Id(), after[1].Str("detail"));
            Assert.All(history.Skip(1), h => Assert.NotNull(h.GetProperty("fromStatus").GetString()));

            // Redelivered research and drafting messages, and the same rejection again, draft nothing more.
            var queues = p.Services.GetRequiredService<PipelineQueues>();
            await queues.SendResearchAsync(caseId);
            await queues.SendDraftAsync(caseId);
            await queues.SendDraftAsync(caseId);
            Assert.Equal(HttpStatusCode.OK, (await coder.RejectAsync(letter.Id(), new { reason = "again" })).StatusCode);
            await PipelineFixture.EventuallyAsync(async () => (await p.PeekAsync(StorageNames.Queues.DenialDrafting)).Count + (await p.PeekAsync(StorageNames.Queues.DenialResearch)).Count,
                n => n == 0, "the redelivered messages handled");
            await Task.Delay(3000);
            var end = await p.GetJsonAsync($"/api/cases/{caseId}");
            Assert.Equal(2, end.GetProperty("letters").GetArrayLength());
            Assert.Single(end.GetProperty("history").EnumerateArray(), h => h.Str("event") == "LetterRejected");
            Assert.Equal("Drafted", end.GetProperty("case").Str("status"));

            // The new letter goes the usual way.
            Assert.Equal(HttpStatusCode.OK, (await coder.ApproveAsync(redraft.Id())).StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/letters/{redraft.Id()}"),
                l => l.GetProperty("letter").Str("status") == "Sent", "the new letter to be sent");
            Assert.Equal("Rejected", (await p.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter").Str("status"));
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task Approve_WithOpenNeedsInputFields_Is422NamingThem_ApprovedOnceFilled()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var id = letter.Id();
            var coder = p.ClientAs("coder");
            // A coder's edit leaves a field open (as drafting does when a record lacks it).
            var html = (await p.GetJsonAsync($"/api/letters/{id}")).Str("html") +
                "<p>Member: <span class=\"needs-input\" data-field=\"patient.memberId\">[needs input: Medicare number (MBI)]</span></p>";
            var put = await coder.SendAsync(Json(HttpMethod.Put, $"/api/letters/{id}", new { html }, letter.Str("eTag")));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

            var refused = await coder.ApproveAsync(id);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var error = await refused.ReadJsonAsync();
            Assert.Equal("urn:denial-pipeline:problem:needs-input", error.Str("type"));
            Assert.Contains("patient.memberId", error.Str("detail"));
            Assert.Equal("patient.memberId", Assert.Single(error.GetProperty("missingFields").EnumerateArray()).Str("path"));
            var still = (await p.GetJsonAsync($"/api/letters/{id}")).GetProperty("letter");
            Assert.Equal("PendingApproval", still.Str("status"));
            Assert.DoesNotContain((await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history")).EnumerateArray(), h => h.Str("event") == "LetterApproved");

            var fill = await coder.SendAsync(Json(HttpMethod.Put, $"/api/letters/{id}", new { fields = new Dictionary<string, string> { ["patient.memberId"] = "1EG4TE5MK73" } }, still.Str("eTag")));
            Assert.Equal(HttpStatusCode.OK, fill.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await coder.ApproveAsync(id)).StatusCode);
        }
        finally { await p.DisposeAsync(); }
    }

    /// <summary>
    /// The deadline sweep had raised the case's priority (7-day reminder: ×1.5); a rejection sends it through research
    /// again, which recomputes the score: the reminder's factor stays on it (before, research wrote the bare score and
    /// the next sweep divided that by the factor it believed was applied).
    /// </summary>
    [Fact]
    public async Task Reject_AfterADeadlineReminder_ResearchKeepsTheReminderAndItsPriorityFactor()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var caseId = letter.Str("caseId");
            var store = p.Services.GetRequiredService<DenialPipeline.Cases.CaseStore>();
            double score = 0;
            var (reminded, _) = await store.ChangeAsync(caseId, c =>
            {
                score = c.Priority;
                c.LastReminderDays = 7;
                c.Priority = Math.Round(c.Priority * 1.5, 2);
                return new DenialPipeline.Cases.CaseChange("DeadlineReminder", null, "system:test", "7 days left (test)");
            });
            Assert.NotNull(reminded);

            var r = await p.ClientAs("coder").RejectAsync(letter.Id(), new { reason = "Cite the coverage determination" });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/cases/{caseId}"),
                c => c.GetProperty("case").Str("status") == "Drafted" && c.GetProperty("case").GetProperty("draftRound").GetInt32() == 2,
                "the case researched and drafted again");

            var after = await store.GetAsync(caseId);
            Assert.NotNull(after);
            Assert.Equal(7, after.LastReminderDays);
            Assert.Equal(Math.Round(score * 1.5, 2), after.Priority);
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task Reject_ToManualWork_ReturnsCaseToResearched_WithReasonAndUser()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var coder = p.ClientAs("coder");
            Assert.Equal(HttpStatusCode.BadRequest, (await coder.RejectAsync(letter.Id(), new { reason = " " })).StatusCode);
            var r = await coder.RejectAsync(letter.Id(), new { reason = "Needs the operative report first", manual = true });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("Rejected", (await r.ReadJsonAsync()).Str("status"));

            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Researched", c.GetProperty("case").Str("status"));
            Assert.Equal("ManualReview", c.GetProperty("case").Str("action"));
            var last = c.GetProperty("history").EnumerateArray().Last();
            Assert.Equal("LetterRejected", last.Str("event"));
            Assert.Equal("user:coder", last.Str("actor"));
            Assert.Contains("operative report", last.Str("detail"));
            Assert.Equal(HttpStatusCode.Conflict, (await coder.ApproveAsync(letter.Id())).StatusCode);
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task Reassign_ByManager_WritesHistory_StaleETagGets412()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var caseId = letter.Str("caseId");
            // The pipeline may still be updating the case (drafting its other letters): take a fresh ETag until the assign lands.
            string etag;
            HttpResponseMessage r;
            var tries = 0;
            do
            {
                etag = (await p.Http.GetAsync($"/api/cases/{caseId}")).Headers.ETag!.ToString();
                r = await p.ClientAs("manager").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/assign", new { assignedTo = "coder2" }, etag));
            }
            while (r.StatusCode == HttpStatusCode.PreconditionFailed && ++tries < 10);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("coder2", (await r.ReadJsonAsync()).Str("assignedTo"));
            var stale = await p.ClientAs("coder").SendAsync(Json(HttpMethod.Post, $"/api/cases/{caseId}/assign", new { assignedTo = "coder" }, etag));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal("coder2", (await stale.ReadJsonAsync()).GetProperty("current").Str("assignedTo"));

            var history = await p.GetJsonAsync($"/api/cases/{caseId}/history");
            var assign = Assert.Single(history.EnumerateArray(), h => h.Str("event") == "Reassigned");
            Assert.Equal("user:manager", assign.Str("actor"));
            Assert.Equal("Manager", assign.Str("role"));
        }
        finally { await p.DisposeAsync(); }
    }

    [Fact]
    public async Task MarkSubmitted_ByFaxWithConfirmation_LetterAndCaseSubmitted()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var id = letter.Id();
            var coder = p.ClientAs("coder");
            var early = await coder.SendAsync(Json(HttpMethod.Post, $"/api/letters/{id}/submitted", new { channel = "fax", reference = "FX-1", date = "2026-11-20" }));
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode); // not approved yet

            Assert.Equal(HttpStatusCode.OK, (await coder.ApproveAsync(id)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await coder.SendAsync(Json(HttpMethod.Post, $"/api/letters/{id}/submitted", new { channel = "pigeon", reference = "x", date = "2026-11-20" }))).StatusCode);

            using var form = new MultipartFormDataContent
            {
                { new StringContent("fax"), "channel" },
                { new StringContent("FX-20261120-0042"), "reference" },
                { new StringContent("2026-11-20"), "date" },
            };
            var file = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4 fax confirmation"));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "confirmation", "fax-report.pdf");
            var r = await coder.PostAsync($"/api/letters/{id}/submitted", form);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var saved = await r.ReadJsonAsync();
            Assert.Equal("Submitted", saved.Str("status"));
            Assert.Equal("fax", saved.Str("submittedChannel"));
            Assert.Equal("FX-20261120-0042", saved.Str("submittedReference"));
            Assert.Equal("2026-11-20", saved.Str("submittedOn"));
            Assert.True(saved.GetProperty("hasConfirmation").GetBoolean());

            // Same submission again: harmless.
            var again = await coder.SendAsync(Json(HttpMethod.Post, $"/api/letters/{id}/submitted", new { channel = "fax", reference = "FX-20261120-0042", date = "2026-11-20" }));
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Submitted", c.GetProperty("case").Str("status"));
            var submitted = Assert.Single(c.GetProperty("history").EnumerateArray(), h => h.Str("event") == "LetterSubmitted");
            Assert.Equal("user:coder", submitted.Str("actor"));
            Assert.Contains("fax", submitted.Str("detail"));
        }
        finally { await p.DisposeAsync(); }
    }
}
