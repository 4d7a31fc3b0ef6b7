using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.LocalHost;

/// <summary>How to build the local host: storage, URL, where mail is captured, and extra configuration.</summary>
public sealed record LocalPipelineOptions(
    string StorageConnectionString,
    string Url = "http://127.0.0.1:7071",
    string? MailFolder = null,
    IReadOnlyDictionary<string, string?>? Settings = null,
    Action<IServiceCollection>? ConfigureServices = null,
    Action<ILoggingBuilder>? ConfigureLogging = null,
    string? Environment = null);
