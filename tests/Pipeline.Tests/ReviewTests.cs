using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DenialPipeline.Testing;
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
            Assert.Equal("conflict", conflict.Str("error"));
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

    [Fact]
    public async Task ApprovingTwice_IsHarmless_OneEmail()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var coder = p.ClientAs("coder");
            Assert.Equal(HttpStatusCode.OK, (await coder.PostAsync($"/api/letters/{letter.Id()}/approve", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await coder.PostAsync($"/api/letters/{letter.Id()}/approve", null)).StatusCode);
            await PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/letters/{letter.Id()}"),
                l => l.GetProperty("letter").Str("status") == "Sent", "the letter to be sent");
            Assert.Equal(HttpStatusCode.OK, (await coder.PostAsync($"/api/letters/{letter.Id()}/approve", null)).StatusCode);
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
    public async Task Reject_ToManualWork_ReturnsCaseToResearched_WithReasonAndUser()
    {
        var p = await StartAsync(new PipelineFixture());
        try
        {
            var letter = await PendingLetterAsync(p);
            var coder = p.ClientAs("coder");
            Assert.Equal(HttpStatusCode.BadRequest, (await coder.SendAsync(Json(HttpMethod.Post, $"/api/letters/{letter.Id()}/reject", new { reason = " " }))).StatusCode);
            var r = await coder.SendAsync(Json(HttpMethod.Post, $"/api/letters/{letter.Id()}/reject", new { reason = "Needs the operative report first", manual = true }));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("Rejected", (await r.ReadJsonAsync()).Str("status"));

            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Researched", c.GetProperty("case").Str("status"));
            Assert.Equal("ManualReview", c.GetProperty("case").Str("action"));
            var last = c.GetProperty("history").EnumerateArray().Last();
            Assert.Equal("LetterRejected", last.Str("event"));
            Assert.Equal("user:coder", last.Str("actor"));
            Assert.Contains("operative report", last.Str("detail"));
            Assert.Equal(HttpStatusCode.Conflict, (await coder.PostAsync($"/api/letters/{letter.Id()}/approve", null)).StatusCode);
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

            Assert.Equal(HttpStatusCode.OK, (await coder.PostAsync($"/api/letters/{id}/approve", null)).StatusCode);
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
