using System.Net;
using System.Text;
using DenialPipeline.Api;
using DenialPipeline.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Roles on every endpoint (local host, development sign-in): 401 without a user, 403 without an allowed role.</summary>
public sealed class AccessTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly string[] Users = ["coder", "manager", "admin", "payer-acme"];

    private IReadOnlyList<(string Method, string Route)> MappedApiEndpoints() =>
        pipeline.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!["/api/".Length..])))
            .ToList();

    [Fact]
    public void EveryApiEndpoint_HasAnAccessRule()
    {
        var endpoints = MappedApiEndpoints();
        Assert.True(endpoints.Count >= 17, $"only {endpoints.Count} endpoints found");
        Assert.All(endpoints, e => Assert.NotNull(ApiPolicy.For(e.Method, e.Route)));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersByRole_401_403_OrPasses()
    {
        var failures = new List<string>();
        foreach (var (method, route) in MappedApiEndpoints())
        {
            var allowed = ApiPolicy.For(method, route)!;
            if (allowed.Length == 0) continue; // the signed webhook: see SendGridWebhookTests
            var path = "/api/" + route.Replace("{id}", "none-such").Replace("{n}", "1");
            foreach (var user in Users.Append("norole").Prepend(null))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                var response = await pipeline.ClientAs(user).SendAsync(request);
                var status = (int)response.StatusCode;
                var roles = user is null ? [] : PipelineFixture.DevUsers[user].Split(',', StringSplitOptions.RemoveEmptyEntries);
                // An allowed role gets the handler's own answer: anything but 401/403, and never a server error.
                var ok = user is null ? status == 401
                    : allowed.Any(r => roles.Contains(r.ToString())) ? status is not (401 or 403) and < 500
                    : status == 403;
                if (!ok) failures.Add($"{method} {path} as {user ?? "(nobody)"}: {status}");
            }
        }
        Assert.Empty(failures);
    }

    /// <summary>The same sweep over ids that exist (a case, its letter, its file), so handlers run past their "not found" answer.</summary>
    [Fact]
    public async Task EveryEndpoint_WithExistingIds_NeverAnswersAServerError()
    {
        var letter = await ReviewTestSupport.PendingLetterAsync(pipeline);
        var caseId = letter.Str("caseId");
        var fileId = (await pipeline.GetJsonAsync("/api/files")).EnumerateArray().First().Id();
        var failures = new List<string>();
        foreach (var (method, route) in MappedApiEndpoints())
        {
            var allowed = ApiPolicy.For(method, route)!;
            if (allowed.Length == 0) continue;
            var id = route.StartsWith("cases/", StringComparison.Ordinal) ? caseId : route.StartsWith("files/", StringComparison.Ordinal) ? fileId : letter.Id();
            var path = "/api/" + route.Replace("{id}", id).Replace("{n}", "1");
            foreach (var user in Users)
            foreach (var body in new[] { "{}", "not json" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                var status = (int)(await pipeline.ClientAs(user).SendAsync(request)).StatusCode;
                if (status >= 500) failures.Add($"{method} {path} as {user} with {body}: {status}");
            }
        }
        Assert.Empty(failures);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("norole", HttpStatusCode.Forbidden)]
    [InlineData("payer-acme", HttpStatusCode.Forbidden)]
    [InlineData("coder", HttpStatusCode.OK)]
    [InlineData("manager", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task ListCases_ByRole(string? user, HttpStatusCode expected)
    {
        var r = await pipeline.ClientAs(user).GetAsync("/api/cases");
        Assert.Equal(expected, r.StatusCode);
    }

    [Fact]
    public async Task ForgedClientPrincipal_IsIgnored_WhereThePlatformDoesNotSetIt()
    {
        var client = pipeline.ClientAs(null);
        client.DefaultRequestHeaders.Add(Caller.PrincipalHeader, ReviewTestSupport.Principal("mallory", "Admin", "Coder"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/letters/x/approve", null)).StatusCode);
    }

    [Fact]
    public async Task UnknownDevelopmentUser_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs("nobody-configured").GetAsync("/api/letters")).StatusCode);
    }

    [Fact]
    public async Task Me_ShowsTheSignedInUserAndRoles_AndDevSignInSetsACookie()
    {
        var me = await (await pipeline.ClientAs("manager").GetAsync("/api/me")).ReadJsonAsync();
        Assert.Equal("manager", me.Str("name"));
        Assert.Equal(["Manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using var handler = new HttpClientHandler { UseCookies = true };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(pipeline.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/dev/signin?user=coder", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync("/dev/signin?user=root", null)).StatusCode);
    }

    [Fact]
    public async Task Payer_UploadsIntoItsOwnFolder_AndSeesOnlyItsOwnFiles()
    {
        var acme = pipeline.ClientAs("payer-acme");
        var upload = await acme.PostAsync("/api/files?name=acme-upload.835",
            new StringContent(ReviewTestSupport.Sample("acme-health-2026-11-05.835"), Encoding.UTF8, "application/edi-x12"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var body = await upload.ReadJsonAsync();
        var fileId = body.Str("fileId");
        Assert.Equal("payer-acme/acme-upload.835", body.Str("blobName"));

        Assert.Equal(("user:payer-acme", "Payer"), (body.Str("uploadedBy"), body.Str("role")));
        var ingested = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"),
            f => f.Str("status") is "Processed" or "ProcessedWithErrors", "the upload to be ingested");
        // The file row records who uploaded it and with which role.
        Assert.Equal(("user:payer-acme", "Payer"), (ingested.Str("uploadedBy"), ingested.Str("uploadedByRole")));
        var mine = await (await acme.GetAsync("/api/files")).ReadJsonAsync();
        Assert.Contains(mine.EnumerateArray(), f => f.Id() == fileId);
        Assert.All(mine.EnumerateArray(), f => Assert.StartsWith("payer-acme/", f.Str("blobName")));
        Assert.Equal(HttpStatusCode.OK, (await acme.GetAsync($"/api/files/{fileId}")).StatusCode);

        var other = pipeline.ClientAs("payer-other");
        Assert.DoesNotContain((await (await other.GetAsync("/api/files")).ReadJsonAsync()).EnumerateArray(), f => f.Id() == fileId);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await acme.GetAsync("/api/letters")).StatusCode);
        // Staff may drop files too (the drop page is for payers and coders); a manager may not.
        var staff = await pipeline.ClientAs("coder").PostAsync("/api/files?name=x.835", new StringContent("ISA"));
        Assert.True(staff.IsSuccessStatusCode);
        var staffFile = (await staff.ReadJsonAsync()).Str("fileId");
        var staffRow = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{staffFile}"),
            f => f.Str("status") is "Processed" or "ProcessedWithErrors", "the coder's upload to be ingested");
        Assert.Equal(("user:coder", "Coder"), (staffRow.Str("uploadedBy"), staffRow.Str("uploadedByRole")));
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("manager").PostAsync("/api/files?name=y.835", new StringContent("ISA"))).StatusCode);
    }
}

/// <summary>A local host outside Development that sits behind App Service Authentication (the setting says so).</summary>
public sealed class BehindAppServiceAuthFixture : PipelineFixture
{
    protected override string? EnvironmentName => "Production";
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = "true" };
}

public sealed class ProductionAccessTests(BehindAppServiceAuthFixture pipeline) : IClassFixture<BehindAppServiceAuthFixture>
{
    [Fact]
    public async Task DevelopmentSignIn_IsRefused_OutsideDevelopment()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.ClientAs(PipelineFixture.DefaultUser).GetAsync("/api/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(null).PostAsync("/dev/signin?user=tester", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.ClientAs(null).GetAsync("/dev/users")).StatusCode);
    }

    [Theory]
    [InlineData("Coder", HttpStatusCode.OK)]
    [InlineData("Payer", HttpStatusCode.Forbidden)]
    public async Task ClientPrincipal_IsTrusted_WhenTheHostSitsBehindAppServiceAuth(string role, HttpStatusCode expected)
    {
        var client = pipeline.ClientAs(null);
        client.DefaultRequestHeaders.Add(Caller.PrincipalHeader, ReviewTestSupport.Principal("alice@example.test", role));
        Assert.Equal(expected, (await client.GetAsync("/api/cases")).StatusCode);
    }
}
