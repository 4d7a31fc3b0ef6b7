namespace DenialPipeline.LocalHost;

/// <summary>
/// The emulator's process runs but its ports did not all answer in time (a starved machine, or a port it could not
/// take without exiting). The process has been stopped; a private emulator is tried again on other ports.
/// </summary>
public sealed class AzuriteNotReadyException(string message) : TimeoutException(message);
