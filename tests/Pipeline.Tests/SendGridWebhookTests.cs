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
}
