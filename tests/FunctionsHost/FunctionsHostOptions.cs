namespace DenialPipeline.FunctionsHost;

/// <summary>
/// What the harness needs to run a Functions app: the app's build output (with <c>worker.config.json</c>,
/// <c>functions.metadata</c> and <c>host.json</c>) and the app settings the real host would pass as environment variables.
/// </summary>
public sealed record FunctionsHostOptions(string AppDirectory)
{
    /// <summary>App settings, passed to the worker as environment variables (<c>Section__Key</c>); a null value removes a variable.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The port of the host's HTTP front door (where HTTP-triggered functions are called); 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>Where the worker's logs (RpcLog) and its console output go, one formatted line at a time.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How long the worker may take from process start to functions loaded (the host's ProcessStartupTimeout is 60 s).</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether queue-triggered functions are fed from their queues (off: invoke them only on demand).</summary>
    public bool ListenToQueues { get; init; } = true;
}
