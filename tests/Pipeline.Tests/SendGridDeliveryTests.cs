using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using DenialPipeline.Delivery;
using DenialPipeline.Letters;
using Microsoft.Extensions.DependencyInjection;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using static DenialPipeline.Pipeline.Tests.ReviewTestSupport;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Delivery through the real SendGridClient against a local endpoint: the exact request, no PHI, retries, failures.</summary>
public sealed class SendGridDeliveryTests
{
    private static async Task<(FakeSendGrid SendGrid, SendGridPipelineFixture Pipeline)> StartAsync(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var sendGrid = await FakeSendGrid.StartAsync();
        var pipeline = new SendGridPipelineFixture(sendGrid, extra);
        await pipeline.InitializeAsync();
        return (sendGrid, pipeline);
    }

    private static async Task DisposeAsync(FakeSendGrid sendGrid, PipelineFixture pipeline)
    {
        await pipeline.DisposeAsync();
        await sendGrid.DisposeAsync();
    }

    private static Task<JsonElement> LetterWhenAsync(PipelineFixture p, string id, string status) =>
        PipelineFixture.EventuallyAsync(() => p.GetJsonAsync($"/api/letters/{id}"), l => l.GetProperty("letter").Str("status") == status, $"letter {status}", seconds: 60);

    [Fact]
    public async Task Approval_SendsExactlyThisRequest_WithNoPatientData()
    {
        var (sendGrid, p) = await StartAsync();
        try
        {
            var letter = await PendingLetterAsync(p);
            var id = letter.Id();
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(id)).StatusCode);
            await LetterWhenAsync(p, id, "Sent");

            var request = Assert.Single(sendGrid.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/v3/mail/send", request.Path);
            Assert.Equal($"Bearer {SendGridPipelineFixture.ApiKey}", request.Authorization);
            Assert.StartsWith("application/json", request.ContentType);
            var link = $"{p.BaseUrl}/letters/{id}";
            // The recipient's address comes from the payer/provider records (else the team mailbox): not patient data.
            var to = (await p.Services.GetRequiredService<LetterStore>().GetAsync(id))!.RecipientEmail ?? "correspondence@localhost.test";
            // The exact bytes, as SendGrid's serializer writes them (lower-case \u escapes for <, > and quotes in strings).
            static string Esc(string v) => v.Replace("\n", "\\n").Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("\"", "\\u0022");
            var expected =
                "{\"from\":{\"name\":\"Denial resolution (local)\",\"email\":\"denials@localhost.test\"}," +
                "\"personalizations\":[{\"to\":[{\"email\":\"" + to + "\"}],\"subject\":\"" + PhiFreeEmail.Subject + "\"," +
                "\"custom_args\":{\"letterId\":\"" + id + "\"}}]," +
                "\"content\":[{\"type\":\"text/plain\",\"value\":\"" + Esc(PhiFreeEmail.Text(link)) + "\"}," +
                "{\"type\":\"text/html\",\"value\":\"" + Esc(PhiFreeEmail.Html(link)) + "\"}]}";
            Assert.Equal(expected, request.Body);

            // None of the case's patient data: name, member/patient ids, claim numbers, codes, dates, amounts.
            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            var claim = c.GetProperty("claim");
            var phi = new List<string>();
            foreach (var field in new[] { "patientName", "patientId", "insuredId", "payerClaimControlNumber", "patientControlNumber", "renderingProviderId" })
                if (claim.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String) phi.Add(v.GetString()!);
            if (claim.GetProperty("patientName").GetString() is { } name) phi.AddRange(name.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Where(n => n.Length > 2));
            foreach (var date in new[] { "serviceDateStart", "serviceDateEnd" })
                if (claim.GetProperty(date).GetString() is { } d) { phi.Add(d); phi.Add(d.Replace("-", "")); }
            var codes = claim.GetProperty("adjustments").EnumerateArray().Select(a => a.Str("reason"))
                .Concat(claim.GetProperty("lines").EnumerateArray().Select(l => l.Str("procedure")))
                .Concat(claim.GetProperty("remarks").EnumerateArray().Select(r => r.GetString()!))
                .ToList();
            Assert.NotEmpty(codes);
            Assert.True(phi.Count >= 6, "the case really carries patient data to look for");
            Assert.False(string.IsNullOrEmpty(claim.Str("patientName")));
            foreach (var value in phi) Assert.DoesNotContain(value, request.Body, StringComparison.OrdinalIgnoreCase);
            foreach (var code in codes.Append(c.GetProperty("case").GetProperty("charge").ToString()))
                Assert.DoesNotMatch(new Regex($@"(?<![\w.]){Regex.Escape(code)}(?![\w])"), request.Body);
            Assert.DoesNotContain("attachments", request.Body);
        }
        finally { await DisposeAsync(sendGrid, p); }
    }

    [Fact]
    public async Task TransientAnswers_429ThenA500_AreRetriedWithBackoffHonoringRetryAfter_ThenSent()
    {
        var (sendGrid, p) = await StartAsync();
        try
        {
            sendGrid.Script.Enqueue((429, "1"));
            sendGrid.Script.Enqueue((500, null));
            var letter = await PendingLetterAsync(p);
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(letter.Id())).StatusCode);
            await LetterWhenAsync(p, letter.Id(), "Sent");

            var requests = sendGrid.Requests.ToList();
            Assert.Equal(3, requests.Count);
            Assert.Single(requests.Select(r => r.Body).Distinct());
            Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), "Retry-After: 1 was honored");
            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Sent", c.GetProperty("case").Str("status"));
        }
        finally { await DisposeAsync(sendGrid, p); }
    }

    [Fact]
    public async Task BadRequest_MarksTheLetterFailedWithTheReason_NoRetry()
    {
        var (sendGrid, p) = await StartAsync();
        try
        {
            sendGrid.Script.Enqueue((400, null));
            var letter = await PendingLetterAsync(p);
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(letter.Id())).StatusCode);
            var failed = await LetterWhenAsync(p, letter.Id(), "Failed");
            Assert.Contains("400", failed.GetProperty("letter").Str("failureReason"));
            await Task.Delay(1500);
            Assert.Single(sendGrid.Requests);
            var c = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Failed", c.GetProperty("case").Str("status"));
            Assert.Equal("DeliveryFailed", c.GetProperty("history").EnumerateArray().Last().Str("event"));
            Assert.Empty(await p.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.LettersOutbox)));

            // Once the cause is fixed, approving again retries the delivery.
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(letter.Id())).StatusCode);
            await LetterWhenAsync(p, letter.Id(), "Sent");
            Assert.Equal(2, sendGrid.Requests.Count);
            var after = await p.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
            Assert.Equal("Sent", after.GetProperty("case").Str("status"));
            Assert.Equal(JsonValueKind.Null, after.GetProperty("case").GetProperty("failureReason").ValueKind);
        }
        finally { await DisposeAsync(sendGrid, p); }
    }

    [Fact]
    public async Task PdfAttachment_OnlyForAnOptedInPayer_WhenTheDeploymentAllowsIt()
    {
        var (sendGrid, p) = await StartAsync(new Dictionary<string, string?>
        {
            ["Delivery:AllowPhiAttachments"] = "true",
            ["Delivery:PhiAttachmentPayers:0"] = "15202", // the Medicare sample's payer id
        });
        try
        {
            var letter = await PendingLetterAsync(p);
            Assert.Equal(HttpStatusCode.OK, (await p.ClientAs("coder").ApproveAsync(letter.Id())).StatusCode);
            await LetterWhenAsync(p, letter.Id(), "Sent");
            using var json = JsonDocument.Parse(Assert.Single(sendGrid.Requests).Body);
            var attachment = Assert.Single(json.RootElement.GetProperty("attachments").EnumerateArray());
            Assert.Equal($"letter-{letter.Id()}.pdf", attachment.Str("filename"));
            Assert.Equal("application/pdf", attachment.Str("type"));
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(attachment.Str("content")))[..4]);
        }
        finally { await DisposeAsync(sendGrid, p); }
    }
}
