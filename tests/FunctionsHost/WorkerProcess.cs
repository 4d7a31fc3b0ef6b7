using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// The worker as its own process, started the way the host's RpcWorkerProcess does: the executable and worker path from
/// the app's <c>worker.config.json</c>, then the gRPC endpoint, worker id, request id and message size twice (the old names
/// and the <c>functions-</c> ones, RpcWorkerContext.GetFormattedArguments), the app settings as environment variables
/// plus <c>FUNCTIONS_WORKER_DIRECTORY</c> and <c>FUNCTIONS_APPLICATION_DIRECTORY</c>, working directory the app's.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    /// <summary>The host's RpcWorkerConstants.DefaultMaxMessageLengthBytes.</summary>
    public const int MaxMessageLength = int.MaxValue;

    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    /// <summary>Completes with the exit code when the process ends.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>The last lines the worker wrote to stdout and stderr (its own errors before it could connect).</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static WorkerProcess Start(string appDirectory, Uri grpcUri, string workerId, IReadOnlyDictionary<string, string?> settings, Action<string> log)
    {
        var (executable, executableArguments, workerPath, workerArguments) = ReadWorkerConfig(appDirectory);
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in executableArguments) start.ArgumentList.Add(a);
        start.ArgumentList.Add(workerPath);
        foreach (var a in workerArguments) start.ArgumentList.Add(a);
        var requestId = Guid.NewGuid().ToString();
        var max = MaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var a in new[]
                 {
                     "--host", grpcUri.Host, "--port", grpcUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", max,
                     "--functions-uri", grpcUri.AbsoluteUri, "--functions-worker-id", workerId,
                     "--functions-request-id", requestId, "--functions-grpc-max-message-length", max,
                 })
            start.ArgumentList.Add(a);

        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        foreach (var (key, value) in settings)
        {
            var name = key.Replace(":", "__", StringComparison.Ordinal);
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Keep(e.Data, log);
        process.ErrorDataReceived += (_, e) => worker.Keep(e.Data, log);
        // Exited can fire before the redirected output is drained; the parameterless WaitForExit waits for both streams'
        // end, so a startup failure always carries the worker's own last lines (its error message).
        process.Exited += (_, _) => _ = Task.Run(() =>
        {
            try { process.WaitForExit(); }
            catch (InvalidOperationException) { /* disposed while stopping */ }
            worker._exited.TrySetResult(SafeExitCode(process));
        });
        if (!process.Start()) throw new FunctionsHostException($"Could not start the worker '{executable}'.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    private void Keep(string? line, Action<string> log)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
        log($"[worker console] {line}");
    }

    private static int SafeExitCode(Process process)
    {
        try { return process.ExitCode; } catch (InvalidOperationException) { return -1; }
    }

    /// <summary>worker.config.json's description: executable (<c>dotnet</c> is this machine's dotnet host) and worker path.</summary>
    private static (string Executable, string[] ExecutableArguments, string WorkerPath, string[] WorkerArguments) ReadWorkerConfig(string appDirectory)
    {
        var path = Path.Combine(appDirectory, "worker.config.json");
        if (!File.Exists(path))
            throw new FunctionsHostException($"'{path}' is missing: build the Functions app first (the harness runs its build output).");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var description = doc.RootElement.GetProperty("description");
        string? Text(string name) => description.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string[] List(string name) => description.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0).ToArray()
            : [];
        var executable = Text("defaultExecutablePath") ?? "dotnet";
        if (executable == "dotnet") executable = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var workerPath = Text("defaultWorkerPath") ?? throw new FunctionsHostException($"'{path}' names no defaultWorkerPath.");
        return (executable, List("arguments"), Path.Combine(appDirectory, workerPath), List("workerArguments"));
    }

    /// <summary>Waits for the worker to stop on its own (after WorkerTerminate), then ends it and its children.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try { await _exited.Task.WaitAsync(grace); }
        catch (TimeoutException)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_exited.Task.IsCompleted)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            try { await _exited.Task.WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        }
        _process.Dispose();
    }
}
