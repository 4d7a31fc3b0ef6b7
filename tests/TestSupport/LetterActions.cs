using System.Text;
using System.Text.Json;

namespace DenialPipeline.Testing;

/// <summary>
/// Approve and reject the way the letter page does: with the letter's current ETag as If-Match (required: 428 without).
/// </summary>
public static class LetterActions
{
    public static async Task<HttpResponseMessage> ApproveAsync(this HttpClient client, string letterId) =>
        await client.SendAsync(await WithETagAsync(client, letterId, "approve", null));

    public static async Task<HttpResponseMessage> RejectAsync(this HttpClient client, string letterId, object body) =>
        await client.SendAsync(await WithETagAsync(client, letterId, "reject", body));

    /// <summary>The current ETag of a letter (GET /api/letters/{id}), or null when it cannot be read.</summary>
    public static async Task<string?> ETagOfAsync(this HttpClient client, string letterId)
    {
        using var r = await client.GetAsync($"/api/letters/{Uri.EscapeDataString(letterId)}");
        return r.IsSuccessStatusCode ? r.Headers.ETag?.ToString() : null;
    }

    private static async Task<HttpRequestMessage> WithETagAsync(HttpClient client, string letterId, string action, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/letters/{Uri.EscapeDataString(letterId)}/{action}")
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        // A letter this user may not read gets no ETag: the request goes without, and the answer says why.
        if (await client.ETagOfAsync(letterId) is { } etag) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
