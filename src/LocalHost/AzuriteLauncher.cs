using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The one way the local host and the tests get storage: if Azurite (or anything) answers on the three ports, use it;
/// otherwise install the pinned Azurite (npm ci) when missing and start it on loopback, then stop it on dispose.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    /// <summary>Azurite's published development account (the same for every install; not a secret).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private readonly ProcessStartInfo? _startInfo;

    /// <summary>The emulator's last output lines (it is started --silent, so this is errors: a port in use, a bad option).</summary>
    private OutputTail Output { get; } = new();

    private AzuriteLauncher(int blobPort, int queuePort, int tablePort, ProcessStartInfo? startInfo = null)
    {
        (BlobPort, QueuePort, TablePort, _startInfo) = (blobPort, queuePort, tablePort, startInfo);
    }

    /// <summary>The free ports a private emulator would get (for a persistent one started with <see cref="EnsureAsync"/>).</summary>
    public static int[] FreePortsFor(int count) => FreePorts(count);

    /// <summary>
    /// Stops the emulator this launcher started (the process goes away and the ports stop answering): SIGTERM, so
    /// Azurite saves its databases first — a SIGKILL loses up to 5 s of acknowledged writes (its Loki autosave interval),
    /// which no real storage account does. Callers see connection failures until <see cref="StartAsync"/>.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_startInfo is null) throw new InvalidOperationException("Only an emulator this launcher started can be stopped.");
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        _process = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await AnswersAsync(BlobPort) || await AnswersAsync(QueuePort) || await AnswersAsync(TablePort))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Azurite's ports still answer after it stopped.");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Starts the emulator again on the same ports and data folder (after <see cref="StopAsync"/>).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_startInfo is null) throw new InvalidOperationException("Only an emulator this launcher started can be started again.");
        _process = Output.Start(_startInfo);
        await WaitReadyAsync(_process, cancellationToken);
    }

    /// <summary>Stops and starts the emulator (same ports, same data folder): what an outage of the storage service looks like.</summary>
    public async Task RestartAsync(TimeSpan downtime = default, CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        if (downtime > TimeSpan.Zero) await Task.Delay(downtime, cancellationToken);
        await StartAsync(cancellationToken);
    }

    // Generous: on a 2-core CI machine several test projects start emulators at once.
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private async Task WaitReadyAsync(Process process, CancellationToken cancellationToken)
    {
        // Ready means our own three services said they listen (tools/run-azurite.js prints ReadyLine once all have).
        // Ports that merely answer prove nothing: when another process took one of ours first, that port answers with
        // the other process's service while our child exits with EADDRINUSE.
        var deadline = DateTime.UtcNow.Add(ReadyTimeout);
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // let the output readers finish
                throw new AzuriteExitedException(
                    $"Azurite exited with code {process.ExitCode} before it was ready (blob {BlobPort}, queue {QueuePort}, table {TablePort}). " +
                    $"Its output: {Output.Text()}");
            }
            if (Output.Ready(process)) return;
            if (DateTime.UtcNow > deadline)
            {
                try { process.Kill(entireProcessTree: true); }
                catch (InvalidOperationException) { /* it exited meanwhile */ }
                throw new AzuriteNotReadyException(
                    $"Azurite did not listen on ports {BlobPort}, {QueuePort}, {TablePort} within {ReadyTimeout.TotalSeconds:0} s. Its output: {Output.Text()}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>The line tools/run-azurite.js prints once every service it started says it listens.</summary>
    internal const string ReadyLine = "run-azurite: all services listening";

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>True when this launcher started the emulator (and will stop it).</summary>
    public bool StartedHere => _startInfo is not null;

    public string ConnectionString =>
        BlobPort == 10000 && QueuePort == 10001 && TablePort == 10002
            ? "UseDevelopmentStorage=true"
            : $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};" +
              $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
              $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Uses the emulator on the default ports, starting one (persisting to <paramref name="dataFolder"/>) if none answers.</summary>
    public static Task<AzuriteLauncher> EnsureDefaultAsync(string dataFolder, CancellationToken cancellationToken = default) =>
        EnsureAsync(10000, 10001, 10002, dataFolder, cancellationToken);

    /// <summary>Starts a private, in-memory emulator on free ports (tests: no data shared with anything else).</summary>
    public static Task<AzuriteLauncher> StartPrivateAsync(CancellationToken cancellationToken = default) =>
        StartPrivateAsync(() => FreePorts(3), dataFolder: null, cancellationToken);

    /// <summary>A private emulator on free ports that persists to <paramref name="dataFolder"/> (so it can be restarted).</summary>
    public static Task<AzuriteLauncher> StartPrivateAsync(string dataFolder, CancellationToken cancellationToken = default) =>
        StartPrivateAsync(() => FreePorts(3), dataFolder, cancellationToken);

    /// <summary>As <see cref="StartPrivateAsync(CancellationToken)"/>, with the ports of each attempt from <paramref name="pickPorts"/>.</summary>
    public static async Task<AzuriteLauncher> StartPrivateAsync(Func<int[]> pickPorts, string? dataFolder, CancellationToken cancellationToken = default)
    {
        // A free port can be taken between our probe and Azurite's listen (another test process's emulator, or an
        // outgoing connection's ephemeral port): the emulator then exits with EADDRINUSE, or (rarely, on a starved
        // machine) never says it listens. Try again on other ports. A private emulator never uses what already answers.
        for (var attempt = 1; ; attempt++)
        {
            var ports = pickPorts();
            try
            {
                if (await AnswersAsync(ports[0]) || await AnswersAsync(ports[1]) || await AnswersAsync(ports[2]))
                    throw new AzuriteExitedException($"Something else already listens on one of ports {ports[0]}, {ports[1]}, {ports[2]}.");
                return await LaunchAsync(ports[0], ports[1], ports[2], dataFolder, cancellationToken);
            }
            catch (Exception e) when (e is AzuriteExitedException or AzuriteNotReadyException && attempt < 4) { }
        }
    }

    public static async Task<AzuriteLauncher> EnsureAsync(int blobPort, int queuePort, int tablePort, string? dataFolder, CancellationToken cancellationToken = default)
    {
        var answering = new[] { await AnswersAsync(blobPort), await AnswersAsync(queuePort), await AnswersAsync(tablePort) };
        if (answering.All(a => a)) return new AzuriteLauncher(blobPort, queuePort, tablePort);
        if (answering.Any(a => a))
            throw new InvalidOperationException(
                $"Some storage ports answer and some do not (blob {blobPort}: {answering[0]}, queue {queuePort}: {answering[1]}, table {tablePort}: {answering[2]}). " +
                "Stop whatever holds them, or start Azurite with all three services.");
        return await LaunchAsync(blobPort, queuePort, tablePort, dataFolder, cancellationToken);
    }

    /// <summary>
    /// Starts our own emulator on exactly these ports and returns once its three services listen there; throws
    /// <see cref="AzuriteExitedException"/> when one cannot (a port already in use, even by another emulator).
    /// </summary>
    public static async Task<AzuriteLauncher> LaunchAsync(int blobPort, int queuePort, int tablePort, string? dataFolder, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        await EnsureInstalledAsync(root, cancellationToken);

        var args = new List<string>
        {
            Path.Combine(root, "tools", "run-azurite.js"),
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(),
        };
        if (dataFolder is null) args.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(dataFolder);
            args.AddRange(["--location", dataFolder]);
        }
        var psi = new ProcessStartInfo(Tool("node"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var launcher = new AzuriteLauncher(blobPort, queuePort, tablePort, psi);
        var process = launcher._process = launcher.Output.Start(psi);
        try
        {
            await launcher.WaitReadyAsync(process, cancellationToken);
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }
    }

    private static async Task EnsureInstalledAsync(string root, CancellationToken ct)
    {
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entry)) return;
        // Test assemblies run in parallel processes: one installs, the others wait for it.
        await using var gate = await AcquireLockAsync(Path.Combine(root, ".npm-install.lock"), ct);
        if (File.Exists(entry)) return;
        var npm = Tool("npm");
        var psi = new ProcessStartInfo(npm, "ci --no-audit --no-fund --loglevel=error")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Console.Error.WriteLine("Installing the Azurite storage emulator (npm ci, once)…");
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("Could not start npm.");
        var stderr = p.StandardError.ReadToEndAsync(ct);
        _ = p.StandardOutput.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed (exit {p.ExitCode}) in {root}: {(await stderr).Trim()}");
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose); }
            catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(250, ct); }
        }
    }

    /// <summary>The full path of node or npm, or a one-line error saying what to install.</summary>
    private static string Tool(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"'{name}' was not found on PATH. The local storage emulator (Azurite) needs Node.js 20 or newer with npm: install them (for example 'apt-get install nodejs npm', or from nodejs.org) and run again.");
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close(); // the wrapper stops Azurite when its stdin closes
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(8));
                try { await _process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
        }
        finally
        {
            _process.Dispose();
            _process = null; // disposing twice is harmless
        }
    }
}
