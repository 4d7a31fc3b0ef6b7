namespace DenialPipeline.LocalHost;

/// <summary>Prints a line whenever the counts change: files ingested, claims read, cases and letters by status.</summary>
public static class ProgressReporter
{
    public static async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var last = "";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var text = (await StatusSnapshot.TakeAsync(services, cancellationToken)).ToText();
                if (text != last) Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
                last = text;
                await Task.Delay(2000, cancellationToken);
            }
            catch (OperationCanceledException) { return; }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                await Task.Delay(2000, cancellationToken).ContinueWith(_ => { });
            }
        }
    }
}
