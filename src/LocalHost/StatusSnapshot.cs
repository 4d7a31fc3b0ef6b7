using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary>What the pipeline holds right now: files, claims, cases by status, letters by status.</summary>
public sealed record StatusSnapshot(int Files, int ClaimsRead, int FilesWithErrors, IReadOnlyDictionary<string, int> Cases, IReadOnlyDictionary<string, int> Letters)
{
    public static async Task<StatusSnapshot> TakeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        int files = 0, claims = 0, withErrors = 0;
        await foreach (var f in services.GetRequiredService<RemittanceFileStore>().ListAsync(select: ["ClaimsRead", "Status", "ErrorCount"], cancellationToken: cancellationToken))
        {
            files++;
            claims += f.ClaimsRead;
            if (f.ErrorCount > 0 || f.Status == nameof(FileStatus.Failed)) withErrors++;
        }
        var cases = (await services.GetRequiredService<CaseStore>().ListAsync(cancellationToken: cancellationToken))
            .GroupBy(c => c.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        var letters = (await services.GetRequiredService<LetterStore>().ListAsync(cancellationToken: cancellationToken))
            .GroupBy(l => l.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
        return new StatusSnapshot(files, claims, withErrors, cases, letters);
    }

    public string ToText()
    {
        static string Counts(IReadOnlyDictionary<string, int> d) => d.Count == 0 ? "none" : string.Join(", ", d.Select(kv => $"{kv.Key} {kv.Value}"));
        return $"files {Files} ({FilesWithErrors} with errors) · claims read {ClaimsRead} · cases: {Counts(Cases)} · letters: {Counts(Letters)}";
    }
}
