using DenialPipeline.FunctionsHost.Rpc;
using Grpc.Core;

namespace DenialPipeline.FunctionsHost;

/// <summary>The gRPC service the worker connects to (<c>FunctionRpc.EventStream</c>): hands the stream to the worker's channel.</summary>
internal sealed class FunctionRpcService(WorkerChannel channel) : FunctionRpc.FunctionRpcBase
{
    public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
        channel.ServeAsync(requestStream, responseStream, context.CancellationToken);
}
