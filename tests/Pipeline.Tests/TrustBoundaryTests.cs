using System.Net;
using System.Text;
using System.Text.Json;
using DenialPipeline.Api;
using DenialPipeline.Storage;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>A development host that also trusts App Service Authentication's principal header (people and apps by object id).</summary>
public sealed class TrustBoundaryFixture : PipelineFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = "true" };
}

/// <summary>
/// Issue 18: a payer speaks only for itself. Its identity is its object id mapped by an Admin; a transaction naming any
/// other payer is quarantined (nothing opened or closed) until an Admin releases or discards it.
/// </summary>
public sealed class TrustBoundaryTests(TrustBoundaryFixture pipeline) : IClassFixture<TrustBoundaryFixture>
{
    private static readonly DateOnly Paid = new(2026, 11, 20);

    [Fact]
    public async Task PayerUploadingAnotherPayersRemittance_ClosesNothing_IsQuarantined_AndAnAdminsReleaseUpdatesTheCases()
    {
        // ACME's denial, dropped by staff: an open case.
        var denial = Remit835.Build("87726", "ACME HEALTH PLAN", new DateOnly(2026, 11, 1), "TBQ-1", Clp.DeniedClaim("TBQ-PCN-1", "TBQICN1", 300m, "1922334457"));
        var staffFile = await pipeline.DropAsync("tb-acme-denial.835", denial);
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{staffFile.FileId}"), f => f.Str("status") == "Processed", "ACME's denial to be ingested");
        var victim = await CaseOfAsync("TBQ-PCN-1");

        // payer-other (may send as 99999 only) uploads a "payment" naming ACME's payer id and the known claim.
        var forged = Remit835.Build("87726", "ACME HEALTH PLAN", Paid, "TBQ-2", Clp.PaidClaim("TBQ-PCN-1", "TBQICN1", 300m, 300m, "1922334457"));
        var upload = await pipeline.ClientAs("payer-other").PostAsync("/api/files?name=forged.835", new StringContent(forged, Encoding.UTF8, "application/edi-x12"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var fileId = (await upload.ReadJsonAsync()).Str("fileId");
        var held = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"), f => f.Str("status") is "Quarantined" or "Processed", "the forged file to be read");
        Assert.Equal("Quarantined", held.Str("status"));
        var tx = Assert.Single(held.GetProperty("quarantine").GetProperty("transactions").EnumerateArray());
        Assert.Contains("87726", tx.GetProperty("unexpectedIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(1, tx.GetProperty("claims").GetInt32());
        // The payer sees its file quarantined too; nothing was closed.
        var own = await (await pipeline.ClientAs("payer-other").GetAsync($"/api/files/{fileId}")).ReadJsonAsync();
        Assert.Equal("Quarantined", own.Str("status"));
        await Task.Delay(1000);
        Assert.NotEqual("Overturned", (await pipeline.GetJsonAsync($"/api/cases/{victim}")).GetProperty("case").Str("status"));

        // Only an Admin decides, with a reason; the release is kept on the file and the cases update.
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("coder").PostAsync($"/api/files/{fileId}/release", Json(new { reason = "x" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await pipeline.ClientAs("admin").PostAsync($"/api/files/{fileId}/release", Json(new { reason = " " }))).StatusCode);
        var released = await pipeline.ClientAs("admin").PostAsync($"/api/files/{fileId}/release", Json(new { reason = "ACME confirmed by phone it sent this file through payer-other" }));
        Assert.Equal(HttpStatusCode.Accepted, released.StatusCode);
        var done = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"), f => f.Str("status") == "Processed", "the released file to be processed");
        var decision = Assert.Single(done.GetProperty("quarantine").GetProperty("decisions").EnumerateArray());
        Assert.Equal(("Released", "user:admin", "admin", "Admin"), (decision.Str("action"), decision.Str("actor"), decision.Str("actorId"), decision.Str("role")));
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases/{victim}"), c => c.GetProperty("case").Str("status") == "Overturned", "the released payment to overturn the case");
        // Nothing left to decide.
        Assert.Equal(HttpStatusCode.Conflict, (await pipeline.ClientAs("admin").PostAsync($"/api/files/{fileId}/discard", Json(new { reason = "late" }))).StatusCode);
    }

    [Fact]
    public async Task SftpFileNamingAnotherPayer_IsQuarantined_AndAnAdminCanDiscardIt_OpeningNothing()
    {
        var container = DenialPipeline.Storage.StorageNames.Containers.PayerDrops(PipelineFixture.SftpPayer);
        var text = Remit835.Build("15202", "MEDICARE PART B", Paid, "TBS-1", Clp.DeniedClaim("TBS-PCN-1", "TBSICN1", 120m, "1922334457"));
        var blobs = pipeline.Services.GetService(typeof(Azure.Storage.Blobs.BlobServiceClient)) as Azure.Storage.Blobs.BlobServiceClient;
        var c = blobs!.GetBlobContainerClient(container);
        await c.CreateIfNotExistsAsync();
        var blob = c.GetBlobClient("medicare-forged.835");
        await blob.UploadAsync(BinaryData.FromString(text));
        var queues = pipeline.Services.GetService(typeof(PipelineQueues)) as PipelineQueues;
        await queues!.SendAsync(DenialPipeline.Storage.StorageNames.Queues.DenialFiles, BlobCreatedEvent.For(container, blob.Name, blob.Uri, text.Length, DateTimeOffset.UtcNow));
        var fileId = DenialPipeline.Ingest.IngestHandler.FileIdFor(container, blob.Name);
        var held = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{fileId}"), f => f.Str("status") is "Quarantined" or "Processed", "the SFTP file to be read");
        Assert.Equal("Quarantined", held.Str("status"));
        Assert.Equal(0, held.GetProperty("casesCreated").GetInt32());

        var discarded = await pipeline.ClientAs("admin").PostAsync($"/api/files/{fileId}/discard", Json(new { reason = "Not ours: Medicare's file in ACME's container" }));
        Assert.Equal(HttpStatusCode.OK, discarded.StatusCode);
        var file = await discarded.ReadJsonAsync();
        Assert.Equal("Processed", file.Str("status"));
        Assert.Equal("Discarded", file.GetProperty("quarantine").Str("state"));
        Assert.DoesNotContain((await pipeline.GetJsonAsync("/api/cases")).EnumerateArray(), x => x.Str("patientControlNumber") == "TBS-PCN-1");
    }

    [Fact]
    public async Task TwoDisplayNamesThatCleanToTheSameFolder_AreTwoPayers_AndAnUnknownIdentityGets403()
    {
        var admin = pipeline.ClientAs("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/payer-identities/oid-evil", Json(new { kind = "User", displayName = "Evil Corp/aetna01", payer = "evil-corp", payerIds = new[] { "66666" } }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/payer-identities/oid-aetna", Json(new { kind = "User", displayName = "aetna01!", payer = "aetna01", payerIds = new[] { "60054" } }))).StatusCode);
        var listed = await (await admin.GetAsync("/api/payer-identities")).ReadJsonAsync();
        Assert.Contains(listed.EnumerateArray(), i => i.Str("objectId") == "oid-evil" && i.Str("updatedBy") == "user:admin");

        var evil = PrincipalClient("Evil Corp/aetna01", "oid-evil");
        var aetna = PrincipalClient("aetna01!", "oid-aetna");
        var evilUpload = await (await evil.PostAsync("/api/files?name=a.835", new StringContent("ISA"))).ReadJsonAsync();
        var aetnaUpload = await (await aetna.PostAsync("/api/files?name=a.835", new StringContent("ISA*"))).ReadJsonAsync();
        Assert.StartsWith("evil-corp/", evilUpload.Str("blobName"));
        Assert.StartsWith("aetna01/", aetnaUpload.Str("blobName"));
        Assert.Equal(HttpStatusCode.NotFound, (await evil.GetAsync($"/api/files/{aetnaUpload.Str("fileId")}")).StatusCode);
        Assert.DoesNotContain((await (await evil.GetAsync("/api/files")).ReadJsonAsync()).EnumerateArray(), f => f.Id() == aetnaUpload.Str("fileId"));

        // Same display name, an object id nobody mapped: refused on upload and on files.
        var stranger = PrincipalClient("aetna01!", "oid-stranger");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync("/api/files?name=b.835", new StringContent("ISA"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/api/files")).StatusCode);
        // An Admin's removal takes effect at once.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/payer-identities/oid-aetna")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aetna.GetAsync("/api/files")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("coder").GetAsync("/api/payer-identities")).StatusCode);
    }

    [Fact]
    public async Task CrossSiteFormPost_IsRefused()
    {
        var fileId = (await pipeline.DropAsync("tb-csrf.835", "ISA")).FileId;
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = new Uri(pipeline.BaseUrl) };
        // A form on another site posting with the signed-in user's cookie.
        var form = new HttpRequestMessage(HttpMethod.Post, $"/api/files/{fileId}/retry") { Content = new FormUrlEncodedContent([new("x", "1")]) };
        form.Headers.Add("Cookie", "dev-user=coder");
        form.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(form)).StatusCode);
        // An older browser that sends no Sec-Fetch-Site: a form cannot add the pages' header nor a JSON content type.
        var old = new HttpRequestMessage(HttpMethod.Post, "/api/cases/none/close") { Content = new StringContent("outcome=WrittenOff", Encoding.UTF8, "text/plain") };
        old.Headers.Add("Cookie", "dev-user=coder");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(old)).StatusCode);
        // The pages' own call from the same origin goes through to the handler.
        var same = new HttpRequestMessage(HttpMethod.Post, "/api/cases/none/close") { Content = Json(new { outcome = "WrittenOff", reason = "x" }) };
        same.Headers.Add("Cookie", "dev-user=coder");
        same.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(same)).StatusCode);
    }

    [Fact]
    public async Task StateChanges_TakeNoQueryStringBodies_AndApproveAndRejectNeedIfMatch()
    {
        var letter = await ReviewTestSupport.PendingLetterAsync(pipeline);
        var coder = pipeline.ClientAs("coder");
        Assert.Equal((HttpStatusCode)428, (await coder.PostAsync($"/api/letters/{letter.Id()}/approve", null)).StatusCode);
        Assert.Equal((HttpStatusCode)428, (await coder.PostAsync($"/api/letters/{letter.Id()}/reject", Json(new { reason = "no" }))).StatusCode);
        var etag = await coder.ETagOfAsync(letter.Id());
        var viaUrl = new HttpRequestMessage(HttpMethod.Post, $"/api/letters/{letter.Id()}/reject?reason=Patient%20Jane%20Doe") { Content = Json(new { }) };
        viaUrl.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.BadRequest, (await coder.SendAsync(viaUrl)).StatusCode);
        Assert.Equal("PendingApproval", (await (await coder.GetAsync($"/api/letters/{letter.Id()}")).ReadJsonAsync()).GetProperty("letter").Str("status"));
    }

    [Fact]
    public async Task ReferenceDataImports_AreAdminOnly()
    {
        const string payers = "payer_id,name,kind,appeal_window_days,timely_filing_days\n55555,TEST PLAN,Commercial,180,365\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("coder").PostAsync("/api/records?name=payers.csv", new StringContent(payers))).StatusCode);
        const string rates = "payer_id,procedure,rate,effective_from\n55555,99213,80.00,2026-01-01\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("coder").PostAsync("/api/records?name=rates.csv", new StringContent(rates))).StatusCode);
        const string identities = "object_id,kind,payer,payer_ids\noid-x,User,xplan,55555\n";
        Assert.Equal(HttpStatusCode.Forbidden, (await pipeline.ClientAs("coder").PostAsync("/api/records?name=ids.csv", new StringContent(identities))).StatusCode);

        var asAdmin = await pipeline.ClientAs("admin").PostAsync("/api/records?name=payers.csv", new StringContent(payers));
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        // A user who is Coder and Admin imports reference data as Admin (recorded so).
        var both = await (await pipeline.Http.PostAsync("/api/records?name=ids.csv", new StringContent(identities))).ReadJsonAsync();
        Assert.Equal(("Admin", 1), (both.Str("importedByRole"), both.GetProperty("stored").GetProperty("PayerIdentity").GetInt32()));
        // Coders import claims, FHIR records and acknowledgments.
        var proof = await pipeline.ClientAs("coder").PostAsync("/api/records?name=proof.csv", new StringContent("claim_id,accepted_date\nTB-1,2026-01-01\n"));
        Assert.Equal(HttpStatusCode.OK, proof.StatusCode);
    }

    private async Task<string> CaseOfAsync(string pcn)
    {
        var list = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases"),
            l => l.EnumerateArray().Any(c => c.Str("patientControlNumber") == pcn), $"the case of {pcn}");
        return list.EnumerateArray().First(c => c.Str("patientControlNumber") == pcn).Id();
    }

    private HttpClient PrincipalClient(string name, string oid)
    {
        var client = pipeline.ClientAs(null);
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad", name_typ = "name", role_typ = "roles",
            claims = new[] { new { typ = "name", val = name }, new { typ = "roles", val = "Payer" }, new { typ = Caller.ObjectIdClaim, val = oid } },
        });
        client.DefaultRequestHeaders.Add(Caller.PrincipalHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));
        return client;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
