using System.Net;
using System.Text.Json;
using DenialPipeline.Delivery;
using DenialPipeline.Storage;
using DenialPipeline.Testing;

namespace DenialPipeline.Pipeline.Tests;

public sealed class EndToEndTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    private const string Medicare = "medicare-part-b-2026-11-05.835";

    private Task<JsonElement> PendingLettersAsync(int count) =>
        PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters?status=pending"),
            l => l.GetArrayLength() >= count, $"{count} letters pending approval");

    [Fact]
    public async Task DroppedRemittance_ReachesApprovalAndDelivery_WithFullHistoryAndNoPhiInMail()
    {
        await pipeline.DropAsync(Medicare, Sample(Medicare));

        // Four denied claims need letters (CO-197, CO-16, CO-50, CO-97); PR/CO-45-only claims open no case.
        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases?payer=15202"),
            c => c.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Drafted") == 4, "4 drafted Medicare cases");
        var pending = await PendingLettersAsync(4);
        Assert.Equal(4, cases.GetArrayLength());
        Assert.DoesNotContain(cases.EnumerateArray(), c => c.GetProperty("patientControlNumber").GetString() == "PCN1004");

        var auth = cases.EnumerateArray().Single(c => c.GetProperty("patientControlNumber").GetString() == "PCN1001");
        Assert.Equal("Authorization", auth.GetProperty("category").GetString());
        var caseId = auth.GetProperty("id").GetString()!;
        var letterId = pending.EnumerateArray().Single(l => l.GetProperty("caseId").GetString() == caseId).GetProperty("id").GetString()!;

        var letter = await pipeline.GetJsonAsync($"/api/letters/{letterId}");
        Assert.Contains("PCN1001", letter.GetProperty("html").GetString());

        var approve = await pipeline.Http.ApproveAsync(letterId);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);

        var mail = await PipelineFixture.EventuallyAsync(() => Task.FromResult(pipeline.Mail.Mails), m => m.Count >= 1, "one email at the capture endpoint");
        var body = Assert.Single(mail).Body;
        using (var json = JsonDocument.Parse(body))
        {
            var root = json.RootElement;
            var subject = root.TryGetProperty("subject", out var s) ? s : root.GetProperty("personalizations")[0].GetProperty("subject");
            Assert.Equal(PhiFreeEmail.Subject, subject.GetString());
            Assert.Equal("correspondence@localhost.test", root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString());
            Assert.Equal("denials@localhost.test", root.GetProperty("from").GetProperty("email").GetString());
            var contents = root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("value").GetString()).ToList();
            Assert.All(contents, c => Assert.Contains($"{pipeline.BaseUrl}/letters/{letterId}", c));
        }
        // The link's random port and the letter id are ours, not the patient's: take them out before looking for PHI.
        var withoutLink = body.Replace(new Uri(pipeline.BaseUrl).Authority, "host").Replace(letterId, "letter");
        foreach (var phi in new[] { "PARKER", "ELLEN", "1EG4TE5MK72", "PCN1001", "26300000101", "197", "250", "99214", "2026-10-01", "20261001" })
            Assert.DoesNotContain(phi, withoutLink, StringComparison.OrdinalIgnoreCase);

        var sent = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases/{caseId}"),
            c => c.GetProperty("case").GetProperty("status").GetString() == "Sent", "the case to be Sent");
        var events = sent.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
        Assert.Equal(["Opened", "Researched", "Drafted", "LetterApproved", "LetterSent"], events);
        var actors = sent.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("actor").GetString()).ToList();
        Assert.Equal($"user:{PipelineFixture.DefaultUser}", actors[3]);
        Assert.Equal("Coder", sent.GetProperty("history")[3].GetProperty("role").GetString());

        var history = await pipeline.GetJsonAsync($"/api/cases/{caseId}/history");
        Assert.Equal(5, history.GetArrayLength());

        // Approving again is harmless: no second email.
        var again = await pipeline.Http.ApproveAsync(letterId);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Task.Delay(1500);
        Assert.Single(pipeline.Mail.Mails);

        // No patient data in any log line.
        var logs = string.Join('\n', pipeline.LogLines);
        foreach (var phi in new[] { "PARKER", "1EG4TE5MK72", "NGUYEN", "2HK7RD9PL31", "PCN1001", "26300000101" })
            Assert.DoesNotContain(phi, logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RedroppedFile_CreatesNoDuplicateCasesOrLetters()
    {
        const string name = "acme-health-2026-11-05.835";
        var first = await pipeline.DropAsync(name, Sample(name));
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{first.FileId}"),
            f => f.GetProperty("status").GetString() == "Processed", "the first ingest");
        var letters = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/letters"),
            l => l.EnumerateArray().Count(x => x.GetProperty("recipientName").GetString() == "ACME HEALTH PLAN") >= 2, "ACME letters");

        var second = await pipeline.DropAsync(name, Sample(name));
        Assert.True(second.AlreadyThere);
        Assert.Equal(first.BlobName, second.BlobName);
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{first.FileId}"),
            f => f.GetProperty("attempts").GetInt32() == 2 && f.GetProperty("status").GetString() == "Processed", "the second ingest");
        await Task.Delay(2000); // let any (wrong) duplicate research/drafting run

        var cases = await pipeline.GetJsonAsync("/api/cases?payer=87726");
        var acme = cases.EnumerateArray().Where(c => c.GetProperty("patientControlNumber").GetString()!.StartsWith("PCN20")).ToList();
        Assert.Equal(4, acme.Count); // PCN2001, 2002, 2003, 2005 (2004 is patient responsibility only)
        Assert.Equal(4, acme.Select(c => c.GetProperty("patientControlNumber").GetString()).Distinct().Count());
        // No case has two letters of one type (the first drop's drafting may still be adding letters, so no count snapshot).
        var lettersAfter = await pipeline.GetJsonAsync("/api/letters");
        Assert.True(lettersAfter.GetArrayLength() >= letters.GetArrayLength());
        Assert.All(lettersAfter.EnumerateArray().GroupBy(l => (l.GetProperty("caseId").GetString(), l.GetProperty("type").GetString())), g => Assert.Single(g));
    }

    [Fact]
    public async Task MalformedFile_IsKept_ValidClaimsProcessed_ErrorsVisibleWithSegmentNumbers()
    {
        const string name = "acme-health-2026-11-12-with-errors.835";
        var drop = await pipeline.DropAsync(name, Sample(name));
        var file = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{drop.FileId}"),
            f => f.GetProperty("status").GetString() == "ProcessedWithErrors", "the file to be processed with errors");
        Assert.Equal(3, file.GetProperty("claimsRead").GetInt32());
        var issues = file.GetProperty("issues").EnumerateArray().ToList();
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "Error" && i.GetProperty("segmentIndex").GetInt64() == 28);
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "Error" && i.GetProperty("segmentIndex").GetInt64() == 30);
        Assert.Contains(issues, i => i.GetProperty("severity").GetString() == "Warning" && i.GetProperty("message").GetString()!.Contains("SE01"));

        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases"),
            c => c.EnumerateArray().Any(x => x.GetProperty("patientControlNumber").GetString() == "PCN3003"), "the claim after the bad segments");
        Assert.Contains(cases.EnumerateArray(), c => c.GetProperty("patientControlNumber").GetString() == "PCN3001");

        // The original is still in the drops container, byte for byte.
        var blob = await new Azure.Storage.Blobs.BlobServiceClient(pipeline.Azurite.ConnectionString)
            .GetBlobContainerClient(StorageNames.Containers.Drops).GetBlobClient(drop.BlobName).DownloadContentAsync();
        Assert.Equal(Sample(name), blob.Value.Content.ToString());
        Assert.Empty(await pipeline.PeekAsync(StorageNames.Queues.Poison(StorageNames.Queues.DenialFiles)));
    }
}
