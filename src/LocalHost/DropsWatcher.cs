using DenialPipeline.Ingest;

namespace DenialPipeline.LocalHost;

/// <summary>Polls drops/ and ingests each new file once (moved to drops/.done/ afterwards).</summary>
public static class DropsWatcher
{
    public static async Task RunAsync(string folder, DropClient drops, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var done = Path.Combine(folder, ".done");
        Directory.CreateDirectory(done);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder))
                {
                    var name = Path.GetFileName(file);
                    if (name.StartsWith('.')) continue;
                    var info = new FileInfo(file);
                    if (DateTime.UtcNow - info.LastWriteTimeUtc < TimeSpan.FromMilliseconds(500)) continue; // still being written
                    var r = await drops.DropAsync(name, await File.ReadAllBytesAsync(file, cancellationToken), enqueue: true, cancellationToken);
                    File.Move(file, Path.Combine(done, $"{DateTime.UtcNow:yyyyMMddHHmmss}-{name}"), overwrite: true);
                    Console.WriteLine($"  dropped {name} → drops/{r.BlobName}");
                }
                await Task.Delay(1000, cancellationToken);
            }
            catch (OperationCanceledException) { return; }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"  drops/: {ex.Message}");
                await Task.Delay(2000, cancellationToken).ContinueWith(_ => { });
            }
        }
    }
}
