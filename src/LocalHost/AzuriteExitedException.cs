namespace DenialPipeline.LocalHost;

/// <summary>Azurite stopped before it answered on its ports (its output is in the message).</summary>
public sealed class AzuriteExitedException(string message) : InvalidOperationException(message);
