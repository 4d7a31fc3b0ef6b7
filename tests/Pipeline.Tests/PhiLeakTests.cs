using System.Text.RegularExpressions;
using DenialPipeline.Storage;
using DenialPipeline.Testing;
using DenialPipeline.X12;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// The whole pipeline on the sample data (records imported, the three sample 835s dropped, every letter approved and
/// emailed) while every log line and every email is captured: no patient name, member id, birth date or claim number
/// from the 837 records or the 835s may appear in either.
/// </summary>
public sealed class PhiLeakTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "samples", name);

    [Fact]
    public async Task FullRun_NoPatientDataInAnyLogLineOrEmail()
    {
        var samples = new[] { "medicare-part-b-2026-11-05.835", "acme-health-2026-11-05.835", "acme-health-2026-11-12-with-errors.835" };
        foreach (var s in samples) await pipeline.DropAsync(s, await File.ReadAllTextAsync(Sample(s)));
        var qs = pipeline.Services.GetRequiredService<QueueServiceClient>();
        await PipelineQueuesProbe.DrainedAsync(qs);

        var pending = await pipeline.GetJsonAsync("/api/letters?status=pending");
        Assert.True(pending.GetArrayLength() >= 8, $"expected the sample letters, got {pending.GetArrayLength()}");
        foreach (var l in pending.EnumerateArray())
            Assert.True((await pipeline.Http.ApproveAsync(l.GetProperty("id").GetString()!)).IsSuccessStatusCode);
        await PipelineQueuesProbe.DrainedAsync(qs);
        Assert.Equal(pending.GetArrayLength(), pipeline.Mail.Mails.Count);
        // Look at the case and letter pages too: the API may show PHI (behind sign-in), the logs of those requests may not.
        foreach (var l in pending.EnumerateArray())
        {
            await pipeline.GetJsonAsync($"/api/letters/{l.GetProperty("id").GetString()}");
            await pipeline.GetJsonAsync($"/api/cases/{l.GetProperty("caseId").GetString()}");
        }

        var phi = KnownPhi(samples).ToList();
        Assert.True(phi.Count > 20, $"the samples should yield plenty of PHI values, got {phi.Count}");
        var logs = string.Join('\n', pipeline.LogLines);
        Assert.True(pipeline.LogLines.Count > 10, "the logs were captured");
        var mails = string.Join('\n', pipeline.Mail.Mails.Select(m => m.Body));
        foreach (var (kind, value) in phi)
        {
            var pattern = new Regex($"(?<![A-Za-z0-9]){Regex.Escape(value)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            Assert.False(pattern.IsMatch(logs), $"{kind} '{value}' appears in a log line: {pipeline.LogLines.FirstOrDefault(pattern.IsMatch)}");
            Assert.False(pattern.IsMatch(mails), $"{kind} '{value}' appears in an email");
        }
    }

    /// <summary>Names, member ids, birth dates and claim numbers in the sample 837 records and 835s.</summary>
    private static IEnumerable<(string Kind, string Value)> KnownPhi(IEnumerable<string> remittances)
    {
        var found = new HashSet<(string, string)>();
        void Add(string kind, string? v)
        {
            if (v is { Length: >= 3 } && !v.All(char.IsDigit) || v is { Length: >= 6 }) found.Add((kind, v!.Trim()));
        }
        void Date(DateOnly? d)
        {
            if (d is not { } x) return;
            foreach (var f in new[] { "yyyyMMdd", "yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy" }) found.Add(("birth date", x.ToString(f, System.Globalization.CultureInfo.InvariantCulture)));
        }
        using (var s = File.OpenRead(Sample("records/claims-submitted-2026-10.837")))
        {
            foreach (var c in Claim837Reader.Read(s).Claims)
            {
                Add("claim number", c.ClaimId);
                foreach (var p in new[] { c.Patient, c.Subscriber })
                {
                    Add("patient name", p?.Last); Add("patient name", p?.First); Add("member id", p?.Id);
                }
                Add("member id", c.SubscriberMemberId);
                Date(c.SubscriberBirthDate); Date(c.PatientBirthDate);
            }
        }
        foreach (var r in remittances)
        {
            using var s = File.OpenRead(Sample(r));
            foreach (var c in Remittance835Reader.Read(s).Claims)
            {
                Add("claim number", c.PatientControlNumber);
                Add("payer claim number", c.PayerClaimControlNumber);
                foreach (var p in new[] { c.Patient, c.Insured })
                {
                    Add("patient name", p?.Last); Add("patient name", p?.First); Add("member id", p?.Id);
                }
            }
        }
        return found;
    }
}
