using DenialPipeline.Ingest;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DenialPipeline.LocalHost;

/// <summary>
/// <c>run</c>: the whole pipeline locally. Starts Azurite if nothing answers, creates storage, loads samples/ on first
/// run, watches drops/, prints the URL and live progress, and stops cleanly on Ctrl+C.
/// </summary>
public static class RunCommand
{
    private const string Usage = """
        Usage: run [--port 7071] [--no-samples]

        Runs the pipeline: Azurite (started if nothing answers on 10000-10002; data in .localdata/azurite),
        the queue triggers, the API at http://127.0.0.1:<port>/api and a SendGrid capture endpoint
        (mail saved in .localdata/mail) unless SendGrid__ApiKey is set. Files put in drops/ are ingested.
        """;

    public static async Task<int> ExecuteAsync(string[] args)
    {
        if (args.Contains("--help")) { Console.WriteLine(Usage); return 0; }
        var port = 7071;
        var portAt = Array.IndexOf(args, "--port");
        if (portAt >= 0 && (portAt + 1 >= args.Length || !int.TryParse(args[portAt + 1], out port)))
            return Cli.Fail("--port needs a number, e.g. --port 7072");
        var loadSamples = !args.Contains("--no-samples");
        var root = RepositoryRoot.Find();
        var url = $"http://127.0.0.1:{port}";
        var stop = StopOnCtrlCOrExit();

        Console.WriteLine("Starting storage (Azurite)…");
        await using var azurite = await AzuriteLauncher.EnsureDefaultAsync(Path.Combine(Cli.DataFolder, "azurite"), stop.Token);
        Console.WriteLine(azurite.StartedHere ? "  started Azurite on 127.0.0.1:10000-10002 (data in .localdata/azurite)" : "  using the storage emulator already listening on 10000-10002");

        var mailFolder = Path.Combine(Cli.DataFolder, "mail");
        using var host = LocalPipeline.Build(new LocalPipelineOptions(azurite.ConnectionString, url), new MailCapture(mailFolder));
        await LocalPipeline.EnsureStorageAsync(host, stop.Token);
        if (!await TryStartAsync(host, stop.Token))
            return Cli.Fail($"Port {port} is already in use (is another local host running?). Stop it, or choose another port: run --port {port + 1}");
        // Once started, the host's console lifetime owns SIGINT/SIGTERM: follow it.
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stop.Cancel);

        var drops = host.Services.GetRequiredService<DropClient>();
        if (loadSamples) await SampleLoader.LoadAsync(Path.Combine(root, "samples"), drops, host.Services.GetRequiredService<RecordsImport>(), stop.Token);
        var watched = Path.Combine(root, "drops");
        var watcher = DropsWatcher.RunAsync(watched, drops, stop.Token);
        var progress = ProgressReporter.RunAsync(host.Services, stop.Token);
        PrintRunning(url, watched, mailFolder);
        try { await Task.Delay(Timeout.Infinite, stop.Token); }
        catch (OperationCanceledException) { }

        Console.WriteLine("Stopping…");
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(grace.Token);
        await Task.WhenAll(watcher, progress).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        return 0;
    }

    /// <summary>Cancelled by Ctrl+C (which then does not kill the process) or by the process exiting.</summary>
    private static CancellationTokenSource StopOnCtrlCOrExit()
    {
        var stop = new CancellationTokenSource(); // not disposed: ProcessExit may still fire after Main returns
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
        return stop;
    }

    /// <summary>Starts the host; false when its HTTP port is taken.</summary>
    private static async Task<bool> TryStartAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
            return true;
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            return false;
        }
    }

    private static void PrintRunning(string url, string watched, string mailFolder) => Console.WriteLine($"""

        Denial pipeline running.
          API:          {url}/api/cases   {url}/api/letters?status=pending   {url}/api/files
          Sign in:      development users from DevAuth:Users (coder, manager, admin, payer-acme): header X-Dev-User: coder,
                        or POST {url}/dev/signin?user=coder for a cookie (Development only; see docs/api.md)
          Drop files:   copy 835s into {watched}/  (or: dotnet run --project src/LocalHost -- drop FILE)
          Mail capture: {mailFolder}
          Metrics:      {url}/api/metrics   {url}/api/metrics.csv   (rolled up every 5 min; now: -- rollup)
          Clocks:       deadline sweep daily 06:00 UTC (now: -- sweep)
        Press Ctrl+C to stop.

        """);
}
