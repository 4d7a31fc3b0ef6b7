using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Helpers for the review, roles and delivery tests: each test that changes data starts its own pipeline.</summary>
internal static class ReviewTestSupport
{
    public const string Medicare = "medicare-part-b-2026-11-05.835";

    public static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    public static async Task<T> StartAsync<T>(T pipeline) where T : PipelineFixture
    {
        await pipeline.InitializeAsync();
        return pipeline;
    }

    /// <summary>Drops the Medicare sample and returns the first letter pending approval (id, caseId, eTag, …).</summary>
    public static async Task<JsonElement> PendingLetterAsync(PipelineFixture pipeline)
    {
        await pipeline.DropAsync("medicare.835", Sample(Medicare));
        var pending = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters?status=pending"),
            l => l.GetArrayLength() >= 1, "a letter pending approval");
        return pending.EnumerateArray().OrderBy(l => l.GetProperty("id").GetString(), StringComparer.Ordinal).First();
    }

    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static HttpRequestMessage Json(HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>An App Service Authentication principal header value (what Easy Auth would put in X-MS-CLIENT-PRINCIPAL).</summary>
    public static string Principal(string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
