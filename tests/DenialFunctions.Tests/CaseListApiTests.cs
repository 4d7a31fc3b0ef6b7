using DenialPipeline.Api;
using DenialPipeline.Cases;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace DenialPipeline.Functions.Tests;

/// <summary>
/// GET /api/cases: filters by status, payer, category and action, sorted by priority (default) or deadline — checked on
/// the API itself, over cases of a payer no other test uses (only the browser tests exercised the filters before).
/// </summary>
public sealed class CaseListApiTests(FunctionsFixture f) : IClassFixture<FunctionsFixture>
{
    private const string Payer = "FLT-API-01";

    private async Task SeedAsync()
    {
        var store = f.Services.GetRequiredService<CaseStore>();
        (string Id, string Category, string Action, double Priority, DateTime? Deadline, CaseStatus Status)[] rows =
        [
            ("cflt-a", "Authorization", "Appeal", 50, new DateTime(2026, 12, 20, 0, 0, 0, DateTimeKind.Utc), CaseStatus.Researched),
            ("cflt-b", "Authorization", "RequestRetroAuthorization", 90, new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc), CaseStatus.Researched),
            ("cflt-c", "TimelyFiling", "WriteOff", 0, null, CaseStatus.Researched),
            ("cflt-d", "MedicalNecessity", "Appeal", 70, new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc), CaseStatus.Drafted),
        ];
        foreach (var r in rows)
        {
            var entity = new CaseEntity
            {
                CaseId = r.Id, PayerId = Payer, PayerName = "Filter Test Health", PatientControlNumber = "PCN-" + r.Id,
                Category = r.Category, Action = r.Action, Priority = r.Priority, Deadline = r.Deadline,
            };
            await store.CreateAsync(entity, new CaseChange("Created", r.Status, "system:test"));
        }
    }

    private async Task<IReadOnlyList<string>> ListAsync(string query)
    {
        var api = f.Services.GetRequiredService<PipelineApi>();
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        var result = await api.ListCasesAsync(new QueryCollection(parsed.ToDictionary(kv => kv.Key, kv => (StringValues)kv.Value)));
        Assert.Equal(200, result.Status);
        return ((IEnumerable<CaseSummaryView>)result.Body!).Select(c => c.Id).ToList();
    }

    [Fact]
    public async Task ListCases_FiltersAndSorts()
    {
        await SeedAsync();

        // Default: highest priority first (ties by the earlier deadline).
        Assert.Equal(["cflt-b", "cflt-d", "cflt-a", "cflt-c"], await ListAsync($"?payer={Payer}"));
        // By deadline: earliest first, cases without a deadline last.
        Assert.Equal(["cflt-d", "cflt-a", "cflt-b", "cflt-c"], await ListAsync($"?payer={Payer}&sort=deadline"));
        // Each filter alone, and combined; matching ignores case.
        Assert.Equal(["cflt-b", "cflt-a"], await ListAsync($"?payer={Payer}&category=authorization"));
        Assert.Equal(["cflt-d", "cflt-a"], await ListAsync($"?payer={Payer}&action=Appeal"));
        Assert.Equal(["cflt-a"], await ListAsync($"?payer={Payer}&category=Authorization&action=Appeal"));
        Assert.Equal(["cflt-d"], await ListAsync($"?payer={Payer}&status=Drafted"));
        Assert.Equal(["cflt-b", "cflt-d", "cflt-a", "cflt-c"], await ListAsync("?payer=filter test"));
        Assert.Empty(await ListAsync($"?payer={Payer}&category=Duplicate"));

        var api = f.Services.GetRequiredService<PipelineApi>();
        var bad = await api.ListCasesAsync(new QueryCollection(new Dictionary<string, StringValues> { ["status"] = "Nope" }));
        Assert.Equal(400, bad.Status);
    }
}
