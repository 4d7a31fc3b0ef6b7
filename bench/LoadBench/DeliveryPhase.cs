using System.Diagnostics;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Review;
using DenialPipeline.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DenialPipeline.Bench;

/// <summary>
/// After the timed run (with the request counter only): a coder approves every drafted letter — filling its "needs
/// input" fields first, as the review page makes them — and the host's Deliver trigger sends each to the local mail
/// capture. Its storage requests are counted as the stages "review (approve, as a coder)" and <c>letters-outbox</c>, so
/// docs/capacity.md has the whole path of a denial, not only drop → drafted. Not timed against the floor: approvals come
/// at a coder's pace.
/// </summary>
internal static class DeliveryPhase
{
    public const string ReviewStage = "review (approve, as a coder)";

    public static async Task RunAsync(IHost host, AzureCallCounter calls, int denied, CancellationToken ct)
    {
        var letters = host.Services.GetRequiredService<LetterStore>();
        var review = host.Services.GetRequiredService<ReviewHandler>();
        var coder = new SignedInUser("loadbench-coder", Role.Coder);
        var pending = await letters.ListAsync(LetterStatus.PendingApproval, cancellationToken: ct);
        var before = calls.Counts.ToDictionary(kv => kv.Key, kv => kv.Value);
        calls.Enabled = true;
        StorageRequestCounter.Enabled = true;
        var sw = Stopwatch.StartNew();
        StorageRequestCounter.Label.Value = ReviewStage;
        // Reading the letter list is the review page's, not a request per denial: counted before the label.
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (letter, token) =>
        {
            var open = ReviewHandler.OpenFields(letter);
            if (open.Count > 0)
                await review.EditAsync(letter.LetterId, coder, null, open.ToDictionary(f => f.Path, _ => "filled by the coder"), letter.ETag.ToString(), token);
            await review.ApproveAsync(letter.LetterId, coder, cancellationToken: token);
        });
        StorageRequestCounter.Label.Value = null;
        var outbox = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.Queues.LettersOutbox);
        while ((await outbox.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount > 0) await Task.Delay(500, ct);
        await Task.Delay(2000, ct);
        calls.Enabled = false;
        StorageRequestCounter.Enabled = false;
        var sent = (await letters.ListAsync(LetterStatus.Sent, cancellationToken: ct)).Count;
        Console.WriteLine($"approval and delivery after the run: {pending.Count} letters approved, {sent} sent in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine("  their storage operations (Azure SDK scopes, the WebJobs listener's included), per denied claim:");
        foreach (var (op, n) in calls.Counts.Select(kv => (kv.Key, kv.Value - before.GetValueOrDefault(kv.Key))).Where(x => x.Item2 > 0).OrderByDescending(x => x.Item2))
            Console.WriteLine($"    {op,-45} {n,7} {(double)n / denied,7:F2}");
    }
}
