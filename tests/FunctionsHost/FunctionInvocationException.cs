namespace DenialPipeline.FunctionsHost;

/// <summary>The worker answered an invocation with a failure (or the invocation could not be completed).</summary>
public sealed class FunctionInvocationException(string functionName, string invocationId, string message)
    : Exception($"Function '{functionName}' (invocation {invocationId}) failed: {message}")
{
    public string FunctionName { get; } = functionName;
    public string InvocationId { get; } = invocationId;
}
