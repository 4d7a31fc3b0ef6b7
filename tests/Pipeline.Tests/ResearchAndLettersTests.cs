using System.Net;
using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>A pipeline without the sample records: denials wait in Unmatched until their records are imported.</summary>
public sealed class NoRecordsPipelineFixture : PipelineFixture
{
    protected override bool ImportSampleRecords => false;
}

public sealed class ResearchAndLettersTests(NoRecordsPipelineFixture pipeline) : IClassFixture<NoRecordsPipelineFixture>
{
    private static string SamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task DenialsWithoutRecords_AreUnmatchedWithReason_ThenResearchedWhenRecordsArrive()
    {
        await pipeline.DropAsync("acme.835", File.ReadAllText(SamplePath("acme-health-2026-11-05.835")));
        var unmatched = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/unmatched"),
            u => u.GetArrayLength() == 4, "4 unmatched denials");
        Assert.All(unmatched.EnumerateArray(), u => Assert.False(string.IsNullOrWhiteSpace(u.GetProperty("reason").GetString())));
        Assert.Empty((await pipeline.GetJsonAsync("/api/letters")).EnumerateArray());

        // The claims last: once they arrive the unmatched denials are researched again, and everything else is on file.
        foreach (var file in new[] { "payers.csv", "providers.csv", "submission-proof.csv", "claims-submitted-2026-10.837" })
        {
            using var body = new ByteArrayContent(await File.ReadAllBytesAsync(SamplePath(Path.Combine("records", file))));
            var r = await pipeline.Http.PostAsync($"/api/records?name={file}", body);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var report = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
            Assert.True(report.GetProperty("total").GetInt32() > 0, $"{file} stored nothing: {report}");
            Assert.Empty(report.GetProperty("rejections").EnumerateArray());
            // The import is recorded with the user and the role they acted with.
            Assert.Equal($"user:{PipelineFixture.DefaultUser}", report.GetProperty("importedBy").GetString());
            // Payer profiles and providers are reference data, imported by Admins only (issue #18); claims and proofs by coders.
            Assert.Equal(file is "payers.csv" or "providers.csv" ? "Admin" : "Coder", report.GetProperty("importedByRole").GetString());
            var import = await pipeline.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>().GetTableClient(DenialPipeline.Storage.StorageNames.Tables.Records)
                .GetEntityAsync<DenialPipeline.Research.Records.RecordImportEntity>(DenialPipeline.Research.Records.RecordImportEntity.Partition, report.GetProperty("importId").GetString()!);
            Assert.Equal((file, $"user:{PipelineFixture.DefaultUser}", file is "payers.csv" or "providers.csv" ? "Admin" : "Coder"),
                (import.Value.File, import.Value.ImportedBy, import.Value.ImportedByRole));
        }

        // Importing the same file again changes nothing.
        using (var again = new ByteArrayContent(await File.ReadAllBytesAsync(SamplePath("records/payers.csv"))))
            Assert.Equal(2, JsonDocument.Parse(await (await pipeline.Http.PostAsync("/api/records?name=payers.csv", again)).Content.ReadAsStringAsync())
                .RootElement.GetProperty("total").GetInt32());

        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/unmatched"), u => u.GetArrayLength() == 0, "no unmatched denials left");
        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases?payer=87726"),
            c => c.EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Drafted") >= 3, "letters drafted after the import");

        // CO-29 with proof of timely submission on file → an appeal with a deadline from the payer's 180-day window.
        var timely = cases.EnumerateArray().Single(c => c.GetProperty("patientControlNumber").GetString() == "PCN2001");
        Assert.Equal("TimelyFiling", timely.GetProperty("category").GetString());
        Assert.Equal("Appeal", timely.GetProperty("action").GetString());
        Assert.Equal("PCN2001", timely.GetProperty("matchedClaimId").GetString());
        Assert.Equal(JsonValueKind.String, timely.GetProperty("deadline").ValueKind);
        var detail = await pipeline.GetJsonAsync($"/api/cases/{timely.GetProperty("id").GetString()}");
        var evidence = detail.GetProperty("research").GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("conclusion").GetString()).ToList();
        Assert.Contains(evidence, e => e!.Contains("2025-09-20", StringComparison.Ordinal) || e.Contains("accepted", StringComparison.OrdinalIgnoreCase));

        // Research left the records it decided from on the case; drafting wrote the letter from them (the proof date below).
        var stored = await pipeline.Services.GetRequiredService<DenialPipeline.Cases.CaseStore>().GetAsync(timely.GetProperty("id").GetString()!);
        var snapshot = DenialPipeline.Research.Records.RecordsSnapshotPayload.FromBytes(stored!.RecordsSnapshot);
        Assert.Equal(new DateOnly(2025, 9, 20), Assert.Single(snapshot!.SubmissionProofs).AcceptedDate);

        // Its letter: a timely-filing appeal, with a PDF.
        var letterId = detail.GetProperty("letters")[0].GetProperty("id").GetString()!;
        var letter = await pipeline.GetJsonAsync($"/api/letters/{letterId}");
        Assert.Equal("TimelyFilingAppeal", letter.GetProperty("letter").GetProperty("type").GetString());
        var html = letter.GetProperty("html").GetString()!;
        Assert.Contains("ACME99001", html);
        Assert.Contains("submitted within the filing limit: it was accepted on 09/20/2025", html);
        Assert.Contains("We ask that you reprocess this claim", html);
        Assert.Empty(letter.GetProperty("missingFields").EnumerateArray());
        Assert.DoesNotContain("null", html.Replace("nullable", ""), StringComparison.OrdinalIgnoreCase);
        var pdfBlob = new Azure.Storage.Blobs.BlobServiceClient(pipeline.Azurite.ConnectionString)
            .GetBlobContainerClient(DenialPipeline.Storage.StorageNames.Containers.Letters).GetBlobClient($"{letterId}/v1.pdf");
        Assert.False(await pdfBlob.ExistsAsync()); // drafting renders no PDF
        var pdf = await pipeline.Http.GetAsync($"/api/letters/{letterId}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        // The first request stored the PDF beside the HTML.
        Assert.True(await pdfBlob.ExistsAsync());
    }

    [Fact]
    public async Task UnrecognisedRecordsFile_IsRejectedWithAReason()
    {
        using var body = new StringContent("hello,world\n1,2\n");
        var r = await pipeline.Http.PostAsync("/api/records?name=mystery.csv", body);
        var report = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, report.GetProperty("total").GetInt32());
        Assert.Contains("Unrecognised", report.GetProperty("rejections")[0].GetProperty("reason").GetString());
    }
}
