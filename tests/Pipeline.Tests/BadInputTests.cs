using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// A pipeline whose blob client can be broken on purpose (storage unreachable for Ingest) and whose size limit is small.
/// The drops container is written through a healthy client, so only reading the file fails.
/// </summary>
public sealed class BadInputPipelineFixture : PipelineFixture
{
    public const long MaxFileBytes = 100_000;
    public const long MaxCsvFileBytes = 20_000;
    public SwitchableBlobServiceClient Blobs { get; private set; } = null!;

    protected override bool ImportSampleRecords => false;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [AppSettings.ToConfigurationKey(AppSettings.IngestMaxFileBytes)] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Ingest:MaxCsvFileBytes"] = MaxCsvFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<BlobServiceClient>(sp =>
        {
            var healthy = sp.GetRequiredService<Hosting.StorageEndpoints>().CreateBlobServiceClient();
            // Port 9 (discard) on loopback: nothing listens, every call fails at once (no SDK retries).
            var broken = new BlobServiceClient("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DenialPipeline.LocalHost.AzuriteLauncher.DevAccountKey +
                ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;", new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });
            return Blobs = new SwitchableBlobServiceClient(healthy, broken);
        }));

    /// <summary>Drops through a healthy client whatever the switch says (the payer's upload worked; reading it fails).</summary>
    public async Task<DropResult> DropHealthyAsync(string name, string content)
    {
        var drop = new DropClient(Blobs.Healthy, Services.GetRequiredService<PipelineQueues>(), TimeProvider.System);
        return await drop.DropAsync(name, System.Text.Encoding.UTF8.GetBytes(content), enqueue: true);
    }
}

/// <summary>A BlobServiceClient (its members are virtual, for this) that hands out a broken or a healthy container client.</summary>
public sealed class SwitchableBlobServiceClient(BlobServiceClient healthy, BlobServiceClient broken) : BlobServiceClient
{
    public volatile bool Broken;
    public BlobServiceClient Healthy => healthy;
    public override BlobContainerClient GetBlobContainerClient(string blobContainerName) =>
        (Broken ? broken : healthy).GetBlobContainerClient(blobContainerName);
    public override Uri Uri => healthy.Uri;
    public override string AccountName => healthy.AccountName;
}

public sealed class BadInputTests(BadInputPipelineFixture pipeline) : IClassFixture<BadInputPipelineFixture>
{
    [Fact]
    public async Task TransientReadFailure_RetriesThenFailedAndListed_RetryEndpointIngestsIt()
    {
        var file = SyntheticRemittance.Build(6, prefix: "TRN", trace: "880000010");
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        pipeline.Blobs.Broken = true;
        try
        {
            var drop = await pipeline.DropHealthyAsync("transient.835", file.Text);
            var failed = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
                f => f.GetProperty("status").GetString() == "Failed", "the file to fail after every attempt", seconds: 90);
            Assert.Equal(5, failed.GetProperty("attempts").GetInt32()); // host.json maxDequeueCount
            Assert.Contains("denial-files", failed.GetProperty("failureReason").GetString());
            var list = await pipeline.GetJsonAsync("/api/files?status=failed");
            Assert.Contains(list.EnumerateArray(), f => f.GetProperty("id").GetString() == drop.FileId);
            Assert.DoesNotContain(list.EnumerateArray(), f => f.GetProperty("status").GetString() != "Failed");
            // The file is marked Failed on the last attempt, just before the runtime moves the message: wait for it.
            await PipelineFixture.EventuallyAsync(() => pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)),
                m => m.Count == 1, "the message in the poison queue", seconds: 30);

            pipeline.Blobs.Broken = false; // storage is back
            var retry = await pipeline.ClientAs("coder").PostAsync($"/api/files/{drop.FileId}/retry", null);
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            // The retry is recorded on the file: who, with which role, and the failure it retried.
            var asked = Assert.Single((await retry.ReadJsonAsync()).GetProperty("retries").EnumerateArray());
            Assert.Equal(("user:coder", "Coder"), (asked.GetProperty("actor").GetString(), asked.GetProperty("role").GetString()));
            Assert.Contains("denial-files", asked.GetProperty("failureReason").GetString());
            var done = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
                f => f.GetProperty("status").GetString() == "Processed", "the retried file to be processed");
            Assert.Equal(6, done.GetProperty("casesCreated").GetInt32());
            Assert.Equal("user:coder", Assert.Single(done.GetProperty("retries").EnumerateArray()).GetProperty("actor").GetString());
            Assert.Equal(JsonValueKindNull, done.GetProperty("failureReason").ValueKind);
            await PipelineFixture.EventuallyAsync(async () => (await pipeline.Services.GetRequiredService<CaseStore>().ListAsync(CaseStatus.Drafted))
                .Count(c => c.PatientControlNumber.StartsWith("TRN", StringComparison.Ordinal)), n => n == 6, "6 drafted cases");

            // Only a failed file can be retried; an unknown one is 404.
            Assert.Equal(HttpStatusCode.Conflict, (await pipeline.Http.PostAsync($"/api/files/{drop.FileId}/retry", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.PostAsync("/api/files/fnothere/retry", null)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await pipeline.Http.GetAsync("/api/files?status=bogus")).StatusCode);
        }
        finally
        {
            pipeline.Blobs.Broken = false;
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task OversizedFile_FailsWithTheLimitAndTheSize_AndIsNotRead()
    {
        var file = SyntheticRemittance.Build(600, prefix: "BIG", trace: "880000011");
        var size = System.Text.Encoding.UTF8.GetByteCount(file.Text);
        Assert.True(size > BadInputPipelineFixture.MaxFileBytes);
        var drop = await pipeline.DropHealthyAsync("big.835", file.Text);
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            x => x.GetProperty("status").GetString() == "Failed", "the oversized file to fail");
        var reason = f.GetProperty("failureReason").GetString()!;
        Assert.Contains("100,000", reason);
        Assert.Contains(size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), reason);
        Assert.Contains(AppSettings.IngestMaxFileBytes, reason);
        Assert.Equal(0, f.GetProperty("claimsRead").GetInt32());
        Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)).ContinueWith(t => t.Result.Where(m => m.Contains("big.835")).ToList()));
    }

    [Fact]
    public async Task OversizedCsvReport_FailsWithTheReportLimit_BelowTheFileLimit_AndIsNotRead()
    {
        // A report's claims are held until its last row, so reports have their own, lower limit.
        var csv = new System.Text.StringBuilder("Patient Control Number,Reason Code,Adjustment Amount\n");
        for (var i = 0; csv.Length <= BadInputPipelineFixture.MaxCsvFileBytes; i++) csv.Append("CSVBIG").Append(i).Append(",16,10.00\n");
        Assert.True(csv.Length < BadInputPipelineFixture.MaxFileBytes);
        var drop = await pipeline.DropHealthyAsync("big-report.csv", csv.ToString());
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            x => x.GetProperty("status").GetString() == "Failed", "the oversized report to fail");
        var reason = f.GetProperty("failureReason").GetString()!;
        Assert.Contains("CSV denial report", reason);
        Assert.Contains("20,000", reason);
        Assert.Contains("Ingest__MaxCsvFileBytes", reason);
        Assert.Equal((0, "Generic denial report"), (f.GetProperty("claimsRead").GetInt32(), f.GetProperty("csvMapping").GetString()));
        Assert.DoesNotContain((await pipeline.GetJsonAsync("/api/cases")).EnumerateArray(), c => c.GetProperty("patientControlNumber").GetString()!.StartsWith("CSVBIG", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\system32\\remit.835", "remit.835")]
    [InlineData("payer drops/Nov #5?.835", "Nov__5_.835")]
    [InlineData("%2e%2e%2fremit.835", "2e_2e_2fremit.835")]
    [InlineData("....", "drop")]
    [InlineData("remit\u0000\u202e.835", "remit__.835")]
    public async Task OddBlobNames_AreMadeSafe_AndTheFileIsIngestedUnderTheSafeName(string name, string expected)
    {
        var file = SyntheticRemittance.Build(1, deniedPerTen: 0, prefix: "NAM" + expected.Length, trace: "88000002" + expected.Length);
        var drop = await pipeline.Services.GetRequiredService<DropClient>().DropAsync(name, System.Text.Encoding.UTF8.GetBytes(file.Text), enqueue: true);
        Assert.StartsWith(Path.GetFileNameWithoutExtension(expected), drop.BlobName);
        Assert.DoesNotContain("..", drop.BlobName.Replace("...", ""));
        Assert.DoesNotContain('/', drop.BlobName);
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            x => x.GetProperty("status").GetString() is "Processed" or "ProcessedWithErrors", $"the file dropped as '{name}'");
        Assert.Equal(drop.BlobName, f.GetProperty("blobName").GetString());
        Assert.True(await pipeline.Blobs.Healthy.GetBlobContainerClient(StorageNames.Containers.Drops).GetBlobClient(drop.BlobName).ExistsAsync());
    }

    [Fact]
    public async Task SameNameDifferentContent_DroppedAtOnce_EveryContentIsKept()
    {
        // Payers' systems upload "remit.835" every day; two uploads of different files under one name may cross.
        var drop = pipeline.Services.GetRequiredService<DropClient>();
        var contents = Enumerable.Range(0, 8).Select(i => System.Text.Encoding.UTF8.GetBytes($"ISA*content {i}~")).ToList();
        var results = await Task.WhenAll(contents.Select(c => Task.Run(() => drop.DropAsync("same-name-race.835", c, enqueue: false))));
        Assert.Equal(contents.Count, results.Select(r => r.BlobName).Distinct().Count());
        Assert.All(results, r => Assert.False(r.AlreadyThere));
        var container = pipeline.Blobs.Healthy.GetBlobContainerClient(StorageNames.Containers.Drops);
        for (var i = 0; i < contents.Count; i++)
            Assert.Equal(contents[i], (await container.GetBlobClient(results[i].BlobName).DownloadContentAsync()).Value.Content.ToArray());
        // The same content again is the same file.
        var again = await drop.DropAsync("same-name-race.835", contents[3], enqueue: false);
        Assert.Equal((results[3].BlobName, true), (again.BlobName, again.AlreadyThere));
    }

    [Fact]
    public async Task ClaimIdsWithCharactersTablesForbid_FlowThroughIngestResearchAndDraft()
    {
        string[] odd = ["A/B", "C\\D", "E#F", "G?H", "I\u0007J", "K/\\#?L", "?", "#"];
        var file = SyntheticRemittance.Build(odd.Length, prefix: "ODD", pcn: i => odd[i], trace: "880000030");
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        await pipeline.DropHealthyAsync("odd-ids.835", file.Text);
        var store = pipeline.Services.GetRequiredService<CaseStore>();
        await PipelineFixture.EventuallyAsync(async () => string.Join("; ", (await store.ListAsync()).Where(c => odd.Contains(c.PatientControlNumber))
                .Select(c => $"{Uri.EscapeDataString(c.PatientControlNumber)}={c.Status}/{c.Action}/{c.UnmatchedReason}{c.FailureReason}")),
            s => s.Split("; ").Count(x => x.Contains("=Drafted/", StringComparison.Ordinal)) == odd.Length, "every odd claim id drafted");
        var cases = (await store.ListAsync()).Where(c => odd.Contains(c.PatientControlNumber)).ToList();
        Assert.All(cases, c => Assert.True(Keys.IsValidTableKey(c.CaseId)));
        Assert.Equal(odd.Order(), cases.Select(c => c.PatientControlNumber).Order());
        Assert.All(cases, c => Assert.Equal(c.PatientControlNumber, c.MatchedClaimId)); // matched to its own record
        foreach (var c in cases)
        {
            var detail = await pipeline.GetJsonAsync($"/api/cases/{c.CaseId}");
            Assert.Equal(c.PatientControlNumber, detail.GetProperty("case").GetProperty("patientControlNumber").GetString());
        }
    }

    /// <summary>The claims of <paramref name="file"/> as a report in the shipped generic layout (RFC 4180 quoting).</summary>
    internal static string AsGenericCsvReport(SyntheticRemittance file, string payerName = "ACME HEALTH PLAN",
        Func<int, string>? firstName = null, Func<int, string>? memberId = null, Func<int, string>? remark = null, Func<int, string>? icn = null)
    {
        static string Q(string v) => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var sb = new System.Text.StringBuilder("Patient Control Number,Payer Claim Number,Claim Status,Payer ID,Payer Name,Denial Date,Billed Amount,Paid Amount," +
            "Patient Last Name,Patient First Name,Member ID,Rendering NPI,Procedure Code,Line Billed Amount,Service Date,Group Code,Reason Code,Adjustment Amount,Remark Codes\r\n");
        var i = 0;
        foreach (var c in file.Denied)
        {
            string[] cells = [c.PatientControlNumber, icn?.Invoke(i) ?? c.PayerClaimNumber, "Denied", SyntheticRemittance.PayerId, payerName, "2026-11-04", "250.00", "0",
                c.LastName, firstName?.Invoke(i) ?? c.FirstName, memberId?.Invoke(i) ?? c.MemberId, SyntheticRemittance.RenderingNpi, "99214", "250.00",
                c.ServiceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "CO", "50", "250.00", remark?.Invoke(i) ?? ""];
            sb.AppendJoin(',', cells.Select(Q)).Append("\r\n");
            i++;
        }
        return sb.ToString();
    }

    [Fact]
    public async Task ClaimIdsWithCharactersTablesForbid_InACsvReport_FlowThroughIngestResearchAndDraft()
    {
        // A report's cells can hold what an 835 element cannot: line breaks, the X12 separators, a NUL.
        string[] odd = ["CA/B", "CC\\D", "CE#F", "CG?H", "CI\u0007J", "CK/\\#?L", "C?", "C#", "CM\r\nN", "CO*P~Q:R", "CS\u0000T", "CU%2FV", "CU/V"];
        var file = SyntheticRemittance.Build(odd.Length, prefix: "OCSV", pcn: i => odd[i], trace: "880000031");
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        var drop = await pipeline.DropHealthyAsync("odd-ids.csv", AsGenericCsvReport(file));
        var f = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            x => x.GetProperty("status").GetString() is "Processed" or "ProcessedWithErrors" or "Failed", "the report to be read");
        Assert.Equal("Processed", f.GetProperty("status").GetString());
        Assert.Equal((odd.Length, odd.Length), (f.GetProperty("claimsRead").GetInt32(), f.GetProperty("casesCreated").GetInt32()));
        var store = pipeline.Services.GetRequiredService<CaseStore>();
        await PipelineFixture.EventuallyAsync(async () => string.Join("; ", (await store.ListAsync()).Where(c => odd.Contains(c.PatientControlNumber))
                .Select(c => $"{Uri.EscapeDataString(c.PatientControlNumber)}={c.Status}/{c.Action}/{c.UnmatchedReason}{c.FailureReason}")),
            s => s.Split("; ").Count(x => x.Contains("=Drafted/", StringComparison.Ordinal)) == odd.Length, "every odd claim id of the report drafted");
        var cases = (await store.ListAsync()).Where(c => odd.Contains(c.PatientControlNumber)).ToList();
        Assert.Equal(odd.Order(StringComparer.Ordinal), cases.Select(c => c.PatientControlNumber).Order(StringComparer.Ordinal));
        Assert.All(cases, c => Assert.Equal(c.PatientControlNumber, c.MatchedClaimId)); // matched to its own record, not a look-alike
        foreach (var c in cases)
        {
            var detail = await pipeline.GetJsonAsync($"/api/cases/{c.CaseId}");
            Assert.Equal(c.PatientControlNumber, detail.GetProperty("case").GetProperty("patientControlNumber").GetString());
        }
        Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialResearch)));
        Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialDrafting)));
    }

    [Fact]
    public async Task HtmlScriptAndLiquidInEveryFieldOfThe835_AreEscapedInTheLetter()
    {
        const string script = "<script>alert(1)</script>";
        const string liquid = "{{ 'x' | upcase }}{% if true %}LIQ{% endif %}";
        var file = SyntheticRemittance.Build(1, prefix: "INJ", trace: "880000040",
            payerName: "<img src=x onerror=alert(2)>" + liquid,
            pcn: _ => "<b onclick=alert(3)>PCN" + liquid,
            lastName: _ => script + "O'HARA");
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        await pipeline.DropHealthyAsync("injection.835", file.Text);
        var store = pipeline.Services.GetRequiredService<CaseStore>();
        var c = await PipelineFixture.EventuallyAsync(async () => (await store.ListAsync()).SingleOrDefault(x => x.PatientControlNumber.StartsWith("<b", StringComparison.Ordinal)),
            x => x?.StatusValue == CaseStatus.Drafted, "the hostile claim drafted");
        var letterId = Assert.Single(c!.LetterIdList);
        var html = (await pipeline.GetJsonAsync($"/api/letters/{letterId}")).GetProperty("html").GetString()!;
        foreach (var raw in new[] { "<script", "<img", "<b onclick" })
        {
            var at = html.IndexOf(raw, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"'{raw}' unescaped in the letter: …{(at < 0 ? "" : html.Substring(Math.Max(0, at - 200), Math.Min(400, html.Length - Math.Max(0, at - 200))))}…");
        }
        Assert.Contains("&lt;b onclick=alert(3)&gt;PCN", html); // the PCN is shown, as text
        Assert.DoesNotContain(">X<", html);                       // {{ 'x' | upcase }} was not evaluated…
        Assert.Contains("upcase", html);                          // …it is printed as the text it is
        Assert.Contains("{% if true %}LIQ{% endif %}", html);     // the tag is text, not a tag
        var stored = await pipeline.Services.GetRequiredService<LetterStore>().ReadVersionAsync(letterId, 1);
        Assert.Equal(html, stored);
    }

    [Fact]
    public async Task HtmlScriptAndLiquidInEveryFieldOfACsvReport_AreEscapedInTheLetter()
    {
        const string liquid = "{{ 'x' | upcase }}{% if true %}LIQ{% endif %}";
        var file = SyntheticRemittance.Build(1, prefix: "CINJ", trace: "880000041",
            pcn: _ => "<b onclick=alert(3)>CPCN" + liquid, lastName: _ => "<script>alert(1)</script>O'HARA" + liquid);
        await file.StoreRecordsAsync(pipeline.Services.GetRequiredService<RecordStore>());
        var csv = AsGenericCsvReport(file, payerName: "<img src=x onerror=alert(2)>" + liquid,
            firstName: _ => "<svg onload=alert(4)>" + liquid, memberId: _ => "<iframe src=javascript:alert(5)>" + liquid,
            icn: _ => "<a href=javascript:alert(6)>ICN" + liquid, remark: _ => "<u>" + liquid);
        await pipeline.DropHealthyAsync("injection.csv", csv);
        var store = pipeline.Services.GetRequiredService<CaseStore>();
        var c = await PipelineFixture.EventuallyAsync(async () => (await store.ListAsync()).SingleOrDefault(x => x.PatientControlNumber.StartsWith("<b onclick=alert(3)>CPCN", StringComparison.Ordinal)),
            x => x?.StatusValue == CaseStatus.Drafted, "the hostile report's claim drafted");
        var letterId = Assert.Single(c!.LetterIdList);
        var html = (await pipeline.GetJsonAsync($"/api/letters/{letterId}")).GetProperty("html").GetString()!;
        foreach (var raw in new[] { "<script", "<img", "<b onclick", "<svg", "<iframe", "<a href=javascript", "<u>" })
        {
            var at = html.IndexOf(raw, StringComparison.OrdinalIgnoreCase);
            Assert.True(at < 0, $"'{raw}' unescaped in the letter: …{(at < 0 ? "" : html.Substring(Math.Max(0, at - 200), Math.Min(400, html.Length - Math.Max(0, at - 200))))}…");
        }
        Assert.Contains("&lt;b onclick=alert(3)&gt;CPCN", html); // the PCN is shown, as text
        Assert.DoesNotContain(">X<", html);
        Assert.Contains("upcase", html);
        Assert.Contains("{% if true %}LIQ{% endif %}", html);
        var stored = await pipeline.Services.GetRequiredService<LetterStore>().ReadVersionAsync(letterId, 1);
        Assert.Equal(html, stored);
    }
}
