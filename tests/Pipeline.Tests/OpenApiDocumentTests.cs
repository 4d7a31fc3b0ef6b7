using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DenialPipeline.Api;
using DenialPipeline.LocalHost;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// docs/openapi.json is the document the running local host generates from its endpoints (issue 20): a change to an
/// endpoint's route, name, summary or answers fails here until the copy is regenerated with
/// <c>UPDATE_OPENAPI=1 dotnet test tests/Pipeline.Tests --filter OpenApiDocumentTests</c>.
/// </summary>
public sealed class OpenApiDocumentTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static string CheckedIn => Path.Combine(Root(), "docs", "openapi.json");

    [Fact]
    public async Task TheCheckedInDocument_IsTheOneTheLocalHostServes()
    {
        var served = await pipeline.ClientAs(null).GetStringAsync(ApiReference.DocumentPath);
        var document = JsonNode.Parse(served)!;
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
            await File.WriteAllTextAsync(CheckedIn, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var expected = JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn))!;
        Assert.True(JsonNode.DeepEquals(expected, document),
            "docs/openapi.json differs from the served document: regenerate it with UPDATE_OPENAPI=1 dotnet test tests/Pipeline.Tests --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task EveryApiRoute_IsDescribed_WithAName_ASummary_AndProblemDetails()
    {
        var document = JsonNode.Parse(await pipeline.ClientAs(null).GetStringAsync(ApiReference.DocumentPath))!;
        var paths = document["paths"]!.AsObject();
        foreach (var (method, route) in ApiPolicy.Rules.Keys)
        {
            var operation = paths["/" + ApiRoutes.Prefix + route]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {route} is not in the document");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["operationId"]), $"{method} {route} has no name");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {route} has no summary");
            var responses = operation["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key.StartsWith('2'));
            Assert.True(responses["401"]?["content"]?[ApiProblems.ContentType] is not null, $"{method} {route}: 401 is not a problem");
        }
    }

    [Fact]
    public async Task TheReferencePage_IsServedInDevelopment()
    {
        var page = await pipeline.ClientAs(null).GetAsync(ApiReference.PagePath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found above the test binaries.");
    }
}

/// <summary>Outside Development neither the document nor the reference page is served.</summary>
public sealed class ProductionApiReferenceTests(BehindAppServiceAuthFixture pipeline) : IClassFixture<BehindAppServiceAuthFixture>
{
    [Fact]
    public async Task NoDocument_NoReferencePage_OutsideDevelopment()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(null).GetAsync(ApiReference.DocumentPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(null).GetAsync(ApiReference.PagePath)).StatusCode);
    }
}
