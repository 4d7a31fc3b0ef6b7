using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DenialPipeline.Metrics;
using DenialPipeline.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Through the running local host on Azurite: a denial, then a later remittance paying the claim.</summary>
public sealed class ResolutionEndToEndTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private const string Payer = "77001";

    [Fact]
    public async Task LaterPayment_ClosesTheCaseAsOverturned_WithRecoveredAmountAndDays_ThenMetricsShowIt()
    {
        await pipeline.DropAsync("e2e-denial.835", Remit835.Build(Payer, "E2E HEALTH", new DateOnly(2026, 10, 1), "E2E1",
            Clp.DeniedClaim("E2E-PCN-1", "E2EICN1", 640m, "1999999999", "50")));
        var opened = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases?payer={Payer}"),
            c => c.GetArrayLength() == 1 && c[0].GetProperty("status").GetString() != "New", "the denial's case to be researched");
        var caseId = opened[0].GetProperty("id").GetString()!;

        // 45 days later the payer pays the claim in full (CO-45 is contractual, nothing workable left).
        var paid = await pipeline.DropAsync("e2e-payment.835", Remit835.Build(Payer, "E2E HEALTH", new DateOnly(2026, 11, 15), "E2E2",
            Clp.PaidClaim("E2E-PCN-1", "E2EICN1", 640m, 600m, "1999999999")));
        await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/files/{paid.FileId}"),
            f => f.GetProperty("status").GetString() == "Processed", "the payment file to be ingested");

        var detail = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync($"/api/cases/{caseId}"),
            c => c.GetProperty("case").GetProperty("status").GetString() == "Overturned", "the case to be Overturned");
        var resolution = detail.GetProperty("case").GetProperty("resolution");
        Assert.Equal(600m, resolution.GetProperty("recoveredAmount").GetDecimal());
        Assert.Equal(45, resolution.GetProperty("daysToResolution").GetInt32());
        Assert.Equal(1, resolution.GetProperty("appealLevel").GetInt32());
        var last = detail.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("Overturned", "system:resolution"), (last.GetProperty("event").GetString(), last.GetProperty("actor").GetString()));
        Assert.Single((await pipeline.GetJsonAsync($"/api/cases?payer={Payer}")).EnumerateArray()); // the payment opened no case

        // A coder cannot close an overturned case again; the metrics show the overturn once rolled up.
        var close = await pipeline.Http.PostAsJsonAsync($"/api/cases/{caseId}/close", new { outcome = "WrittenOff", reason = "late" });
        Assert.Equal(HttpStatusCode.Conflict, close.StatusCode);
        await pipeline.Services.GetRequiredService<MetricsRollup>().RunAsync();
        var metrics = await pipeline.GetJsonAsync($"/api/metrics?from=2026-10&to=2026-11&payer={Payer}");
        var totals = metrics.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("claimsReceived").GetInt64());
        Assert.Equal(1, totals.GetProperty("claimsDenied").GetInt64());
        Assert.Equal(1, totals.GetProperty("overturned").GetInt64());
        Assert.Equal(600m, totals.GetProperty("amountRecovered").GetDecimal());
        Assert.Equal(45, totals.GetProperty("medianDaysToResolution").GetDouble());
        var csv = await pipeline.Http.GetAsync($"/api/metrics.csv?from=2026-10&to=2026-11&payer={Payer}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);

        // No claim numbers in any log line.
        var logs = string.Join('\n', pipeline.LogLines);
        Assert.DoesNotContain("E2E-PCN-1", logs);
        Assert.DoesNotContain("E2EICN1", logs);
    }

    [Fact]
    public async Task CoderCloses_WithOutcomeAndReason_RecordedInHistory()
    {
        await pipeline.DropAsync("e2e-close.835", Remit835.Build("77002", "E2E TWO", new DateOnly(2026, 10, 2), "E2E3",
            Clp.DeniedClaim("E2E-PCN-2", "E2EICN2", 90m, "1999999999", "96")));
        var cases = await PipelineFixture.EventuallyAsync(() => pipeline.GetJsonAsync("/api/cases?payer=77002"),
            c => c.GetArrayLength() == 1 && c[0].GetProperty("status").GetString() != "New", "the case");
        var id = cases[0].GetProperty("id").GetString()!;

        var bad = await pipeline.Http.PostAsJsonAsync($"/api/cases/{id}/close", new { outcome = "Overturned", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var noReason = await pipeline.Http.PostAsJsonAsync($"/api/cases/{id}/close", new { outcome = "PatientBilled" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var ok = await pipeline.Http.PostAsJsonAsync($"/api/cases/{id}/close", new { outcome = "PatientBilled", reason = "Non-covered; ABN on file" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var again = await pipeline.Http.PostAsJsonAsync($"/api/cases/{id}/close", new { outcome = "PatientBilled", reason = "again" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var detail = await pipeline.GetJsonAsync($"/api/cases/{id}");
        Assert.Equal("PatientBilled", detail.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal("Non-covered; ABN on file", detail.GetProperty("case").GetProperty("resolution").GetProperty("reason").GetString());
        var closed = detail.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("event").GetString() == "Closed").ToList();
        Assert.Single(closed);
        Assert.Equal($"user:{PipelineFixture.DefaultUser}", closed[0].GetProperty("actor").GetString());
        Assert.Equal("Coder", closed[0].GetProperty("role").GetString());
        var missing = await pipeline.Http.PostAsJsonAsync("/api/cases/cnothere/close", new { outcome = "WrittenOff", reason = "x" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
