namespace DenialPipeline.FunctionsHost;

/// <summary>The worker could not be started, initialized or loaded; the message carries the worker's own error and output.</summary>
public sealed class FunctionsHostException(string message, Exception? inner = null) : Exception(message, inner);
