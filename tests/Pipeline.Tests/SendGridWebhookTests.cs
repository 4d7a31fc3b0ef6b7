using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DenialPipeline.Testing;
using static DenialPipeline.Pipeline.Tests.ReviewTestSupport;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>The pipeline with a SendGrid Event Webhook verification key whose private half the tests hold.</summary>
public sealed class WebhookPipelineFixture : PipelineFixture
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo()),
    };
}

/// <summary>The signed SendGrid Event Webhook: genuine posts update the letter and case history, forged ones get 401.</summary>
public sealed class SendGridWebhookTests(WebhookPipelineFixture pipeline) : IClassFixture<WebhookPipelineFixture>
{
    /// <summary>Signs like SendGrid: ECDSA P-256 / SHA-256 over timestamp + payload, DER signature in Base64.</summary>
    private static HttpRequestMessage Signed(ECDsa key, string payload, string? timestamp = null, string? signedPayload = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = key.SignData(Encoding.UTF8.GetBytes(timestamp + (signedPayload ?? payload)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(signature));
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        return request;
    }

    private static string Events(params object[] events) => JsonSerializer.Serialize(events);

    /// <summary>Each test works on its own letter of the Medicare sample (by position), approved and sent.</summary>
    private async Task<JsonElement> SentLetterAsync(int index)
    {
        await pipeline.DropAsync("medicare.835", Sample(Medicare));
        var letters = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters"),
            l => l.EnumerateArray().Count(x => x.Str("recipientName").Contains("MEDICARE", StringComparison.OrdinalIgnoreCase) || true) >= 4, "4 letters");
        var letter = letters.EnumerateArray().OrderBy(l => l.Id(), StringComparer.Ordinal).ElementAt(index);
        await pipeline.Http.ApproveAsync(letter.Id());
        return (await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/letters/{letter.Id()}"),
            l => l.GetProperty("letter").Str("status") == "Sent", "the letter to be sent")).GetProperty("letter");
    }

    [Fact]
    public async Task SignedDeliveredEvent_UpdatesLetterAndHistory_RepostChangesNothing()
    {
        var letter = await SentLetterAsync(0);
        var payload = Events(
            new { email = "correspondence@localhost.test", timestamp = 1764180000, @event = "processed", sg_event_id = "ev-p-1", letterId = letter.Id() },
            new { email = "correspondence@localhost.test", timestamp = 1764180060, @event = "delivered", sg_event_id = "ev-d-1", letterId = letter.Id(), response = "250 OK" });
        var r = await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(1, (await r.ReadJsonAsync()).GetProperty("applied").GetInt32());

        var after = (await pipeline.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter");
        Assert.Equal("delivered", after.Str("deliveryStatus"));
        Assert.Equal("Sent", after.Str("status"));
        var history = await pipeline.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history");
        var delivered = Assert.Single(history.EnumerateArray(), h => h.Str("event") == "DeliveryDelivered");
        Assert.Equal("system:sendgrid", delivered.Str("actor"));

        var again = await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload));
        Assert.Equal(0, (await again.ReadJsonAsync()).GetProperty("applied").GetInt32());
        Assert.Single((await pipeline.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history")).EnumerateArray(), h => h.Str("event") == "DeliveryDelivered");
    }

    [Fact]
    public async Task SignedBounce_FailsTheLetterWithTheReason_CaseShowsIt()
    {
        var letter = await SentLetterAsync(1);
        var payload = Events(new { email = "correspondence@localhost.test", timestamp = 1764180000, @event = "bounce", type = "bounce",
            sg_event_id = "ev-b-1", letterId = letter.Id(), reason = "550 5.1.1 mailbox unavailable" });
        Assert.Equal(HttpStatusCode.OK, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload))).StatusCode);

        var after = (await pipeline.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter");
        Assert.Equal("Failed", after.Str("status"));
        Assert.Equal("bounced", after.Str("deliveryStatus"));
        Assert.Contains("550 5.1.1", after.Str("failureReason"));
        var c = await pipeline.GetJsonAsync($"/api/cases/{letter.Str("caseId")}");
        Assert.Equal("Failed", c.GetProperty("case").Str("status"));
        Assert.Equal("DeliveryBounced", c.GetProperty("history").EnumerateArray().Last().Str("event"));
    }

    [Fact]
    public async Task ForgedPosts_Are401_AndChangeNothing()
    {
        await pipeline.DropAsync("medicare.835", Sample(Medicare));
        var letters = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters"), l => l.GetArrayLength() >= 4, "4 letters");
        var letter = letters.EnumerateArray().OrderBy(l => l.Id(), StringComparer.Ordinal).ElementAt(2);
        var payload = Events(new { @event = "dropped", sg_event_id = "ev-x-1", timestamp = 1764180000, letterId = letter.Id(), reason = "forged" });
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var forged = new[]
        {
            Signed(stranger, payload),                                         // someone else's key
            Signed(pipeline.Key, payload, signedPayload: "[]"),                // genuine signature of another body
            Signed(pipeline.Key, payload, timestamp: "1764180000"),            // signature made for this timestamp ...
            new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StringContent(payload, Encoding.UTF8, "application/json") }, // unsigned
        };
        // ... but sent with another one
        forged[2].Headers.Remove("X-Twilio-Email-Event-Webhook-Timestamp");
        forged[2].Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", "1764180001");
        var garbage = Signed(pipeline.Key, payload);
        garbage.Headers.Remove("X-Twilio-Email-Event-Webhook-Signature");
        garbage.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", "bm90LWEtc2lnbmF0dXJl");

        foreach (var request in forged.Append(garbage))
            Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs(null).SendAsync(request)).StatusCode);

        var after = (await pipeline.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("deliveryStatus").ValueKind);
        Assert.DoesNotContain((await pipeline.GetJsonAsync($"/api/cases/{letter.Str("caseId")}/history")).EnumerateArray(), h => h.Str("event").StartsWith("Delivery"));
    }

    /// <summary>
    /// Issue 18: processed event ids are kept in a table for days, not only the last 20 on the letter — a bounce replayed
    /// after twenty other events (within the signature's 5 minutes) no longer fails a letter that was resent and delivered.
    /// </summary>
    [Fact]
    public async Task ReplayedEvent_ChangesNothing_EvenAfterManyOtherEvents()
    {
        var letter = await SentLetterAsync(3);
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bounce = Events(new { email = "correspondence@localhost.test", timestamp = 1764180000, @event = "bounce", sg_event_id = "ev-replay-b", letterId = letter.Id(), reason = "550 mailbox unavailable" });
        Assert.Equal(HttpStatusCode.OK, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, bounce, stamp))).StatusCode);
        Assert.Equal("Failed", (await pipeline.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter").Str("status"));

        // Fixed address, approved again, sent and delivered; then twenty deferrals arrive.
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Http.ApproveAsync(letter.Id())).StatusCode);
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/letters/{letter.Id()}"), l => l.GetProperty("letter").Str("status") == "Sent", "the letter to be sent again");
        var delivered = Events(new { timestamp = 1764180100, @event = "delivered", sg_event_id = "ev-replay-d", letterId = letter.Id() });
        Assert.Equal(HttpStatusCode.OK, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, delivered))).StatusCode);
        var deferrals = JsonSerializer.Serialize(Enumerable.Range(0, 21).Select(i => new { timestamp = 1764180200 + i, @event = "deferred", sg_event_id = $"ev-replay-def-{i}", letterId = letter.Id() }));
        Assert.Equal(HttpStatusCode.OK, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, deferrals))).StatusCode);

        // The captured bounce batch, replayed with its genuine signature.
        var replay = await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, bounce, stamp));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(0, (await replay.ReadJsonAsync()).GetProperty("applied").GetInt32());
        var after = (await pipeline.GetJsonAsync($"/api/letters/{letter.Id()}")).GetProperty("letter");
        Assert.Equal(("Sent", "delivered"), (after.Str("status"), after.Str("deliveryStatus")));
    }

    [Fact]
    public async Task SignatureTimestampMoreThanFiveMinutesOff_Is401()
    {
        var payload = Events(new { timestamp = 1764180000, @event = "dropped", sg_event_id = "ev-old-1", letterId = "none" });
        var old = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var future = DateTimeOffset.UtcNow.AddMinutes(6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload, old))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload, future))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pipeline.ClientAs(null).SendAsync(Signed(pipeline.Key, payload))).StatusCode);
    }

    [Fact]
    public async Task OversizedChunkedBody_IsRefused_BeforeItIsVerified()
    {
        var body = new NonSeekable(new MemoryStream(Encoding.UTF8.GetBytes("[" + new string(' ', 2 * 1024 * 1024) + "]")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new StreamContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", "bm90LWEtc2lnbmF0dXJl");
        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal((HttpStatusCode)413, (await pipeline.ClientAs(null).SendAsync(request)).StatusCode);
    }

    /// <summary>A stream with no length, so the client sends it chunked.</summary>
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
