using System.Collections.Concurrent;
using System.Threading.Channels;
using DenialPipeline.FunctionsHost.Rpc;
using Grpc.Core;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// The host's end of one worker's <c>EventStream</c>: outgoing messages are queued and written in order, incoming ones
/// complete whoever waits for them (the init, metadata and load responses; invocation responses by invocation id) and
/// logs go to <see cref="Log"/>. Modelled on the host's GrpcWorkerChannel, without its multi-stream and shared-memory parts.
/// </summary>
internal sealed class WorkerChannel(string workerId)
{
    private readonly Channel<StreamingMessage> _outbound = Channel.CreateUnbounded<StreamingMessage>(new() { SingleReader = true });
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WorkerInitResponse> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationResponse>> _invocations = new();
    private int _connected;

    public string WorkerId { get; } = workerId;

    public Action<RpcLog>? Log { get; set; }

    /// <summary>Completes when the worker opened its stream and said StartStream with our worker id.</summary>
    public Task Started => _started.Task;

    /// <summary>Serves the stream until the worker closes it or the server stops.</summary>
    public async Task ServeAsync(IAsyncStreamReader<StreamingMessage> requests, IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _connected, 1) == 1) throw new Grpc.Core.RpcException(new Status(StatusCode.AlreadyExists, "This worker already has a stream."));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteAsync(responses, stop.Token);
        try
        {
            await foreach (var message in requests.ReadAllAsync(cancellationToken)) Dispatch(message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Grpc.Core.RpcException) { /* the worker went away */ }
        finally
        {
            FailPending(new FunctionsHostException("The worker closed its gRPC stream."));
            await stop.CancelAsync();
            try { await writer; } catch (OperationCanceledException) { }
        }
    }

    private async Task WriteAsync(IServerStreamWriter<StreamingMessage> responses, CancellationToken cancellationToken)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(cancellationToken))
            await responses.WriteAsync(message, cancellationToken);
    }

    private void Dispatch(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.StartStream when message.StartStream.WorkerId == WorkerId:
                _started.TrySetResult();
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _initialized.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse when _loads.TryRemove(message.FunctionLoadResponse.FunctionId, out var load):
                load.TrySetResult(message.FunctionLoadResponse);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse when _invocations.TryRemove(message.InvocationResponse.InvocationId, out var invocation):
                invocation.TrySetResult(message.InvocationResponse);
                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                Log?.Invoke(message.RpcLog);
                break;
        }
    }

    private void FailPending(Exception error)
    {
        _initialized.TrySetException(error);
        _metadata.TrySetException(error);
        foreach (var key in _loads.Keys) if (_loads.TryRemove(key, out var l)) l.TrySetException(error);
        foreach (var key in _invocations.Keys) if (_invocations.TryRemove(key, out var i)) i.TrySetException(error);
    }

    private void Send(StreamingMessage message) => _outbound.Writer.TryWrite(message);

    public Task<WorkerInitResponse> InitializeAsync(WorkerInitRequest request)
    {
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), WorkerInitRequest = request });
        return _initialized.Task;
    }

    public Task<FunctionMetadataResponse> GetFunctionMetadataAsync(string appDirectory)
    {
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionsMetadataRequest = new() { FunctionAppDirectory = appDirectory } });
        return _metadata.Task;
    }

    public Task<FunctionLoadResponse> LoadAsync(FunctionLoadRequest request)
    {
        var pending = _loads.GetOrAdd(request.FunctionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), FunctionLoadRequest = request });
        return pending.Task;
    }

    public Task<InvocationResponse> InvokeAsync(InvocationRequest request)
    {
        var pending = _invocations.GetOrAdd(request.InvocationId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        Send(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        return pending.Task;
    }

    /// <summary>Asks the worker to shut down (it stops on its own within the grace period; no answer comes back).</summary>
    public void Terminate(TimeSpan gracePeriod) =>
        Send(new StreamingMessage { WorkerTerminate = new() { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>Fails whatever still waits (the worker process ended).</summary>
    public void Abandon(Exception error) => FailPending(error);
}
