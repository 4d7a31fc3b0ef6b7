using DenialPipeline.Ingest;
using DenialPipeline.Research.Records;

namespace DenialPipeline.LocalHost;

/// <summary>Loads samples/records/* (idempotent), then puts each sample 835 in drops/ once; loaded samples are left alone.</summary>
public static class SampleLoader
{
    public static async Task LoadAsync(string folder, DropClient drops, RecordsImport records, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var recordsFolder = Path.Combine(folder, "records");
        if (Directory.Exists(recordsFolder))
        {
            foreach (var file in Directory.EnumerateFiles(recordsFolder).Order())
            {
                var (report, _, _) = await records.ImportAsync(Path.GetFileName(file), await File.ReadAllBytesAsync(file, cancellationToken), "system:samples", null, cancellationToken: cancellationToken);
                Console.WriteLine("  " + ImportCommand.Describe("samples/records/" + Path.GetFileName(file), report, 0));
            }
        }
        foreach (var file in Directory.EnumerateFiles(folder, "*.835").Order())
        {
            var name = "sample-" + Path.GetFileName(file);
            if (await drops.ExistsAsync(name, cancellationToken)) continue;
            await drops.DropAsync(name, await File.ReadAllBytesAsync(file, cancellationToken), enqueue: true, cancellationToken);
            Console.WriteLine($"  sample queued: {Path.GetFileName(file)}");
        }
    }
}
