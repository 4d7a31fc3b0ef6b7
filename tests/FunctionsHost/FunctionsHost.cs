using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using DenialPipeline.FunctionsHost.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// A minimal Azure Functions host for tests: starts the built isolated worker as its own process, serves it the
/// FunctionRpc EventStream and drives it as the real host does — StartStream, WorkerInitRequest, FunctionsMetadataRequest,
/// one FunctionLoadRequest per function — then runs its triggers: queues polled with host.json's settings, timers on
/// demand (<see cref="InvokeTimerAsync"/>), HTTP through <see cref="BaseAddress"/> forwarded to the worker's Kestrel.
/// Disposing sends WorkerTerminate and waits for the worker to stop. What it follows and what it leaves out: docs/functions-host.md.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    /// <summary>The version the harness reports in WorkerInitRequest (a v4 host).</summary>
    public const string HostVersion = "4.0.0-test-harness";

    private static readonly TimeSpan TerminateGrace = TimeSpan.FromSeconds(5);

    private readonly FunctionsHostOptions _options;
    private readonly WebApplication _server;
    private readonly WorkerChannel _channel;
    private readonly ConcurrentQueue<string> _logs = new();
    private readonly List<QueueTriggerListener> _listeners = [];
    private WorkerProcess? _worker;
    private HttpFrontDoor? _frontDoor;

    private FunctionsHost(FunctionsHostOptions options, WebApplication server, WorkerChannel channel, Uri baseAddress, Uri grpcAddress)
    {
        (_options, _server, _channel, BaseAddress, GrpcAddress) = (options, server, channel, baseAddress, grpcAddress);
    }

    /// <summary>The host's HTTP address: requests here reach the app's HTTP-triggered functions.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the worker's gRPC client connects (the <c>--functions-uri</c> argument).</summary>
    public Uri GrpcAddress { get; }

    /// <summary>The functions the worker reported and loaded.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; private set; } = [];

    /// <summary>The capabilities of the worker's WorkerInitResponse (e.g. <c>HttpUri</c>).</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    /// <summary>How long the worker took from process start to its functions loaded.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Every log line so far: the worker's RpcLogs, its console output and the harness's own notes.</summary>
    public IReadOnlyCollection<string> Logs => _logs;

    public static async Task<FunctionsHost> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        var appDirectory = Path.GetFullPath(options.AppDirectory);
        options = options with { AppDirectory = appDirectory };
        var (grpcPort, httpPort) = (FreePort(), options.HttpPort == 0 ? FreePort() : options.HttpPort);
        var channel = new WorkerChannel(Guid.NewGuid().ToString());
        FunctionsHost? host = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(o => { o.MaxReceiveMessageSize = null; o.MaxSendMessageSize = null; });
        builder.Services.AddSingleton(channel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, grpcPort, l => l.Protocols = HttpProtocols.Http2);
            k.Listen(IPAddress.Loopback, httpPort, l => l.Protocols = HttpProtocols.Http1);
        });
        var server = builder.Build();
        server.UseWhen(c => c.Connection.LocalPort == httpPort, front => front.Run(c =>
        {
            if (host?._frontDoor is { } door) return door.HandleAsync(c);
            c.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }));
        server.MapGrpcService<FunctionRpcService>();
        host = new FunctionsHost(options, server, channel, new Uri($"http://127.0.0.1:{httpPort}/"), new Uri($"http://127.0.0.1:{grpcPort}/"));
        channel.Log = host.OnRpcLog;
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            await host.StartWorkerAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartupTimeout);
        var appDirectory = _options.AppDirectory;
        _worker = WorkerProcess.Start(appDirectory, GrpcAddress, _channel.WorkerId, _options.Settings, Note);
        _ = _worker.Exited.ContinueWith(t => _channel.Abandon(new FunctionsHostException($"The worker process exited with code {t.Result}.")), TaskScheduler.Default);

        await UntilWorkerAsync(_channel.Started, "start its gRPC stream (StartStream)", timeout.Token).ConfigureAwait(false);
        var init = await UntilWorkerAsync(_channel.InitializeAsync(new WorkerInitRequest
        {
            HostVersion = HostVersion,
            WorkerDirectory = appDirectory,
            FunctionAppDirectory = appDirectory,
        }), "answer WorkerInitRequest", timeout.Token).ConfigureAwait(false);
        EnsureSuccess(init.Result, "WorkerInitRequest");
        WorkerCapabilities = init.Capabilities.ToDictionary(c => c.Key, c => c.Value);

        var metadata = await UntilWorkerAsync(_channel.GetFunctionMetadataAsync(appDirectory), "answer FunctionsMetadataRequest", timeout.Token).ConfigureAwait(false);
        EnsureSuccess(metadata.Result, "FunctionsMetadataRequest");
        var failedIndexing = metadata.FunctionMetadataResults.Where(m => m.Status is { Status: not StatusResult.Types.Status.Success }).ToList();
        if (failedIndexing.Count > 0)
            throw Failure("the worker could not index " + string.Join("; ", failedIndexing.Select(m => $"{m.Name}: {m.Status.Exception?.Message ?? m.Status.Result}")));
        Functions = metadata.UseDefaultMetadataIndexing
            ? FunctionDescriptor.FromMetadataFile(appDirectory)
            : metadata.FunctionMetadataResults.Select(FunctionDescriptor.From).ToList();

        var loads = await UntilWorkerAsync(Task.WhenAll(Functions.Select(f => _channel.LoadAsync(f.ToLoadRequest()))), "load the functions", timeout.Token).ConfigureAwait(false);
        var failedLoads = loads.Where(l => l.Result.Status != StatusResult.Types.Status.Success).ToList();
        if (failedLoads.Count > 0)
            throw Failure("the worker could not load " + string.Join("; ", failedLoads.Select(l => $"{Functions.First(f => f.Id == l.FunctionId).Name}: {l.Result.Exception?.Message ?? l.Result.Result}")));

        StartHttp();
        if (_options.ListenToQueues) StartQueueListeners();
        StartupTime = watch.Elapsed;
        Note($"[host] worker ready: {Functions.Count} functions loaded in {watch.ElapsedMilliseconds} ms");
    }

    /// <summary>Awaits a step of the worker's start; its exit or the timeout fail the start with the worker's own output.</summary>
    private async Task<T> UntilWorkerAsync<T>(Task<T> step, string what, CancellationToken timeout)
    {
        var exited = _worker!.Exited;
        var finished = await Task.WhenAny(step, exited, Task.Delay(Timeout.Infinite, timeout)).ConfigureAwait(false);
        if (finished == step && step.IsCompletedSuccessfully) return await step.ConfigureAwait(false);
        if (exited.IsCompleted || (step.IsFaulted && await Task.WhenAny(exited, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false) == exited))
            throw Failure($"the worker exited with code {exited.Result} before it could {what}");
        if (step.IsFaulted) throw Failure($"the worker failed to {what}: {step.Exception!.GetBaseException().Message}");
        throw Failure($"the worker did not {what} within {_options.StartupTimeout.TotalSeconds:0} s");
    }

    private async Task UntilWorkerAsync(Task step, string what, CancellationToken timeout) =>
        await UntilWorkerAsync(step.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), what, timeout).ConfigureAwait(false);

    private void EnsureSuccess(StatusResult? result, string step)
    {
        if (result is null || result.Status == StatusResult.Types.Status.Success) return;
        throw Failure($"the worker answered {step} with {result.Status}: {result.Exception?.Message ?? result.Result}");
    }

    private FunctionsHostException Failure(string what)
    {
        var errors = _logs.Where(l => l.Contains("[Error]", StringComparison.Ordinal) || l.Contains("[Critical]", StringComparison.Ordinal)).TakeLast(10);
        return new FunctionsHostException(
            $"Functions host: {what}.{Environment.NewLine}Worker errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}" +
            $"{Environment.NewLine}Worker output:{Environment.NewLine}{_worker?.RecentOutput}");
    }

    private void StartHttp()
    {
        if (!WorkerCapabilities.TryGetValue("HttpUri", out var httpUri))
        {
            Note("[host] the worker has no HttpUri capability: HTTP triggers are not served (only the ASP.NET Core integration is supported)");
            return;
        }
        var prefix = HostJsonRoutePrefix(Path.Combine(_options.AppDirectory, "host.json"));
        _frontDoor = new HttpFrontDoor(new HttpTriggerRouter(Functions, prefix), new Uri(httpUri), InvokeAsync, Note);
    }

    private void StartQueueListeners()
    {
        var settings = QueueSettings.FromHostJson(Path.Combine(_options.AppDirectory, "host.json"));
        foreach (var function in Functions.Where(f => string.Equals(f.Trigger.Type, "queueTrigger", StringComparison.OrdinalIgnoreCase)))
        {
            var trigger = function.Trigger;
            var connectionName = trigger.Property("connection") is { Length: > 0 } c ? c : "AzureWebJobsStorage";
            var connection = _options.Settings.TryGetValue(connectionName, out var value) && !string.IsNullOrEmpty(value) ? value
                : throw Failure($"function '{function.Name}' reads a queue of '{connectionName}', which is not a setting (a connection string is needed here)");
            var queueName = trigger.Property("queueName") ?? throw Failure($"function '{function.Name}' names no queue");
            var listener = new QueueTriggerListener(connection, queueName, settings, (m, ct) => InvokeQueueAsync(function, trigger, m, ct), Note);
            _listeners.Add(listener);
            listener.Start();
        }
    }

    private static string HostJsonRoutePrefix(string path)
    {
        if (!File.Exists(path)) return "api";
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.TryGetProperty("extensions", out var e) && e.TryGetProperty("http", out var h) && h.TryGetProperty("routePrefix", out var p)
            ? p.GetString() ?? "api"
            : "api";
    }

    /// <summary>Runs a timer-triggered function now, once, as its schedule would (TimerInfo not past due).</summary>
    public async Task InvokeTimerAsync(string functionName, CancellationToken cancellationToken = default)
    {
        var function = Find(functionName);
        var trigger = function.Trigger;
        if (!string.Equals(trigger.Type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Function '{functionName}' is triggered by {trigger.Type}, not a timer.", nameof(functionName));
        var request = NewInvocation(function);
        request.InputData.Add(new ParameterBinding
        {
            Name = trigger.Name,
            Data = new TypedData { Json = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}""" },
        });
        await InvokeAsync(function, request, cancellationToken).ConfigureAwait(false);
    }

    private Task InvokeQueueAsync(FunctionDescriptor function, FunctionBinding trigger, QueueMessage message, CancellationToken cancellationToken)
    {
        var request = NewInvocation(function);
        request.InputData.Add(new ParameterBinding { Name = trigger.Name, Data = QueueTriggerData.Input(trigger, message) });
        foreach (var (key, value) in QueueTriggerData.Metadata(message)) request.TriggerMetadata[key] = value;
        return InvokeAsync(function, request, cancellationToken);
    }

    private static InvocationRequest NewInvocation(FunctionDescriptor function) =>
        new() { InvocationId = Guid.NewGuid().ToString(), FunctionId = function.Id, TraceContext = new RpcTraceContext() };

    private async Task<InvocationResponse> InvokeAsync(FunctionDescriptor function, InvocationRequest request, CancellationToken cancellationToken)
    {
        var response = await _channel.InvokeAsync(request).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (response.Result?.Status == StatusResult.Types.Status.Success) return response;
        throw new FunctionInvocationException(function.Name, request.InvocationId, response.Result?.Exception?.Message ?? response.Result?.Result ?? "no result");
    }

    public FunctionDescriptor Find(string functionName) =>
        Functions.FirstOrDefault(f => string.Equals(f.Name, functionName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The worker has no function '{functionName}'.", nameof(functionName));

    private void OnRpcLog(RpcLog log)
    {
        var exception = log.Exception is { } e ? $" {e.Type}: {e.Message}" : "";
        Note($"[{log.Level}] {log.Category}: {log.Message}{exception}");
    }

    private void Note(string line)
    {
        _logs.Enqueue(line);
        _options.Log?.Invoke(line);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; }
        finally { listener.Stop(); }
    }

    /// <summary>Stops the queue listeners, sends WorkerTerminate, waits for the worker to exit (else ends it), stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners) await listener.DisposeAsync().ConfigureAwait(false);
        if (_worker is not null)
        {
            if (!_worker.Exited.IsCompleted) _channel.Terminate(TerminateGrace);
            await _worker.StopAsync(TerminateGrace + TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            await _worker.DisposeAsync().ConfigureAwait(false);
        }
        await _server.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _server.DisposeAsync().ConfigureAwait(false);
    }
}
