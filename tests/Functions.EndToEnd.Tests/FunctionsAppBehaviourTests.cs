using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using DenialPipeline.Web;
using Xunit.Abstractions;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>What only the real Functions app shows: its static pages at the root, its timers, the queue runtime's poison
/// queue, App Service Authentication's header, and HTTP, queue and timer triggers through the worker's own bindings.</summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class FunctionsAppBehaviourTests
{
    private readonly FunctionsAppFixture _app;
    private readonly ITestOutputHelper _output;

    public FunctionsAppBehaviourTests(FunctionsAppFixture app, ITestOutputHelper output)
    {
        (_app, _output) = (app, output);
        app.AttachOutput(output);
    }

    [Fact]
    public void Worker_IndexedAndLoadedEveryFunction_WithTheAspNetCoreIntegration()
    {
        _output.WriteLine($"worker started and loaded in {_app.Host.StartupTime.TotalMilliseconds:0} ms");
        var metadata = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsAppFixture.AppDirectory, "functions.metadata")));
        Assert.Equal(metadata.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(), _app.Host.Functions.Select(f => f.Name).Order());
        Assert.StartsWith("http://", _app.Host.WorkerCapabilities["HttpUri"]);
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/case.html", "text/html")]
    [InlineData("/dashboard.html", "text/html")]
    [InlineData("/app.css", "text/css")]
    public async Task StaticPages_AreServedAtTheRoot_WithTheirHeaders(string path, string contentType)
    {
        using var anonymous = _app.ClientAs(null);
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebUi.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        var expected = WebUi.Serve(path.TrimStart('/'));
        Assert.Equal(expected.Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task EmailLink_RedirectsToTheLetterPage_AndUnknownPagesAre404()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Host.BaseAddress };
        var link = await anonymous.GetAsync("/letters/l123");
        Assert.Equal(HttpStatusCode.Found, link.StatusCode);
        Assert.Equal("/letter.html?id=l123", link.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/no-such-page.html")).StatusCode); // the app's own 404 page
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/a/b/c")).StatusCode); // no function's route
    }

    [Fact]
    public async Task PrincipalHeader_IsTrusted_WithPlatformAuthenticationOn()
    {
        var me = await _app.GetJsonAsync("/api/me");
        Assert.Equal(FunctionsAppFixture.DefaultUser, me.GetProperty("name").GetString());
        using var anonymous = _app.ClientAs(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/letters")).StatusCode);
        using var payer = _app.ClientAs("payer-acme", "Payer");
        Assert.Equal(HttpStatusCode.Forbidden, (await payer.GetAsync("/api/letters")).StatusCode);
    }

    [Fact]
    public async Task CrossSiteStateChange_IsRefusedByTheWorker_WithAProblemDocument()
    {
        // A signed-in coder's browser posting another site's form: no pages' header, no JSON body, Sec-Fetch-Site cross-site.
        using var browser = new HttpClient { BaseAddress = _app.Host.BaseAddress };
        var form = new HttpRequestMessage(HttpMethod.Post, "/api/cases/none/close") { Content = new FormUrlEncodedContent([new("outcome", "WrittenOff")]) };
        form.Headers.Add(ClientPrincipal.Header, ClientPrincipal.For(FunctionsAppFixture.DefaultUser, "Coder"));
        form.Headers.Add("Sec-Fetch-Site", "cross-site");
        var refused = await browser.SendAsync(form);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"reason\":\"cross-site\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The pages' own call reaches the handler (an unknown case is 404, not 403).
        using var coder = _app.ClientAs(FunctionsAppFixture.DefaultUser, "Coder");
        var same = await coder.PostAsync("/api/cases/none/close", new StringContent("{\"outcome\":\"WrittenOff\",\"reason\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, same.StatusCode);
    }

    [Fact]
    public async Task TimerFunctions_RunOnceOnDemand()
    {
        int Count(string text) => _app.Host.Logs.Count(l => l.Contains(text, StringComparison.Ordinal));
        const string swept = "cases near or past a deadline", rolledUp = "MetricsRollup: ";
        var (sweptBefore, rolledBefore) = (Count(swept), Count(rolledUp));

        await _app.Host.InvokeTimerAsync("DeadlineSweep");
        await _app.Host.InvokeTimerAsync("MetricsRollup");

        // The handlers' own summary lines came back over the worker's RpcLog, once each.
        await PipelineFixture.EventuallyAsync(() => Task.FromResult(Count(swept) - sweptBefore), n => n >= 1, "the sweep's summary log", seconds: 10);
        await PipelineFixture.EventuallyAsync(() => Task.FromResult(Count(rolledUp) - rolledBefore), n => n >= 1, "the rollup's summary log", seconds: 10);
        Assert.Equal(1, Count(swept) - sweptBefore);
        Assert.Equal(1, Count(rolledUp) - rolledBefore);
        var metrics = await _app.GetJsonAsync("/api/metrics");
        Assert.Equal(JsonValueKind.Object, metrics.ValueKind);
        await Assert.ThrowsAsync<ArgumentException>(() => _app.Host.InvokeTimerAsync("Research")); // a queue function is no timer
    }

    [Fact]
    public async Task MessageFailingEveryAttempt_LandsInThePoisonQueue_AndTheCaseShowsFailed()
    {
        const string name = "medicare-part-b-2026-11-05.835";
        await _app.DropAsync(name, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name)));
        var pending = await PipelineFixture.EventuallyAsync(() => _app.GetJsonAsync("/api/letters?status=pending"),
            l => l.EnumerateArray().Any(x => x.GetProperty("recipientName").GetString() != "ACME HEALTH PLAN"), "a Medicare letter pending approval");
        var letter = pending.EnumerateArray().First(x => x.GetProperty("recipientName").GetString() != "ACME HEALTH PLAN");
        var (letterId, caseId) = (letter.GetProperty("id").GetString()!, letter.GetProperty("caseId").GetString()!);
        _app.Mail.FailWhen = body => body.Contains(letterId, StringComparison.Ordinal);

        var approve = await _app.Http.ApproveAsync(letterId);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var failed = await PipelineFixture.EventuallyAsync(() => _app.GetJsonAsync($"/api/cases/{caseId}"),
            c => c.GetProperty("case").GetProperty("status").GetString() == "Failed", "the case to show the failure", seconds: 90);
        Assert.Contains(StorageNames.Queues.LettersOutbox, failed.GetProperty("case").GetProperty("failureReason").GetString());
        var poisoned = await PipelineFixture.EventuallyAsync(() => _app.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.LettersOutbox)),
            p => p.Any(m => m.Contains(letterId, StringComparison.Ordinal)), "the delivery message in the poison queue");
        Assert.Single(poisoned, m => m.Contains(letterId, StringComparison.Ordinal));
        // host.json maxDequeueCount (5) deliveries of Delivery:SendAttempts (3) sends each, no outage deferral (MaxDeferrals 0).
        Assert.Equal(5 * 3, _app.Mail.Refused.Count(b => b.Contains(letterId, StringComparison.Ordinal)));
        Assert.Empty(await _app.PeekAsync(StorageNames.Queues.LettersOutbox));
    }

    [Fact]
    public async Task MessageThatIsNotBase64_GoesStraightToThePoisonQueue()
    {
        // host.json says messageEncoding base64: a producer that forgot to encode is refused at once, as by the queue extension.
        var raw = new QueueClient(_app.Azurite.ConnectionString, StorageNames.Queues.DenialResearch, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.SendMessageAsync("{not base64}");
        var poisoned = await PipelineFixture.EventuallyAsync(() => _app.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialResearch)),
            p => p.Count >= 1, "the undecodable message in the poison queue", seconds: 30);
        Assert.Contains("{not base64}", poisoned);
    }
}
