using DenialPipeline.Api;
using DenialPipeline.Hosting;
using DenialPipeline.Storage;
using DenialPipeline.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The whole pipeline in one process: the WebJobs SDK runs the queue triggers (the engine the Functions host uses),
/// ASP.NET Core serves the same HTTP API, and a SendGrid-compatible capture endpoint takes the mail unless an API key is set.
/// </summary>
public static class LocalPipeline
{
    public static IHost Build(LocalPipelineOptions options, MailCapture capture)
    {
        var settings = Settings(options);
        var builder = new HostBuilder()
            .UseEnvironment(options.Environment ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Development)
            .ConfigureAppConfiguration(c => AddConfiguration(c, settings, options.Url))
            .ConfigureLogging((ctx, logging) =>
            {
                logging.AddConfiguration(ctx.Configuration.GetSection("Logging"));
                logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
                options.ConfigureLogging?.Invoke(logging);
            })
            .ConfigureWebJobs(b => b.AddAzureStorageQueues(q => HostJson.ApplyQueueSettings(q, HostJson.Locate())))
            .ConfigureServices((ctx, services) => AddServices(ctx, services, options, capture))
            .ConfigureWebHost(web => web
                .UseKestrel()
                .UseUrls(options.Url)
                .Configure((web, app) => UseApp(app, web.HostingEnvironment.IsDevelopment(), capture)));
        return builder.Build();
    }

    private static Dictionary<string, string?> Settings(LocalPipelineOptions options)
    {
        var settings = new Dictionary<string, string?>
        {
            [PipelineServiceCollectionExtensions.StorageSetting] = options.StorageConnectionString,
            ["Delivery:PublicBaseUrl"] = options.Url,
            // No Event Grid here: an upload from the drop page posts the BlobCreated event itself.
            [AppSettings.ToConfigurationKey(AppSettings.IngestEnqueueOnUpload)] = "true",
        };
        foreach (var (k, v) in options.Settings ?? new Dictionary<string, string?>()) settings[k] = v;
        return settings;
    }

    private static void AddConfiguration(IConfigurationBuilder c, Dictionary<string, string?> settings, string url)
    {
        c.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        c.AddInMemoryCollection(settings);
        c.AddEnvironmentVariables();
        // The SendGrid host defaults to the capture endpoint unless an API key is configured.
        var built = c.Build();
        if (string.IsNullOrWhiteSpace(built["SendGrid:ApiKey"]) && string.IsNullOrWhiteSpace(built["SendGrid:Host"]))
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["SendGrid:Host"] = url });
    }

    private static void AddServices(HostBuilderContext ctx, IServiceCollection services, LocalPipelineOptions options, MailCapture capture)
    {
        services.AddDenialPipeline(ctx.Configuration);
        services.AddSingleton(capture);
        services.AddSingleton<QueueTriggers>();
        services.AddSingleton<TriggerActivity>();
        services.AddHostedService<ClockService>();
        services.Replace(ServiceDescriptor.Singleton<Microsoft.Azure.WebJobs.ITypeLocator>(new TypeLocator(typeof(QueueTriggers))));
        PatientStorageComponentFactory.Decorate(services); // the queue listeners' clients retry as long as ours
        services.AddRouting();
        // DNS rebinding: a page on another site whose name resolves to 127.0.0.1 sends its own Host; refused (400).
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(o =>
        {
            o.AllowedHosts = LoopbackHosts;
            o.AllowEmptyHosts = false;
        });
        // The development sign-in exists only in Development (elsewhere: not registered, so /api answers 401).
        if (ctx.HostingEnvironment.IsDevelopment())
        {
            services.AddOptions<DevAuthOptions>().BindConfiguration(DevAuthOptions.Section);
            services.AddApiReference();
        }
        options.ConfigureServices?.Invoke(services);
    }

    private static void UseApp(IApplicationBuilder app, bool development, MailCapture capture)
    {
        app.UseHostFiltering();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Web.SecurityHeaders.Apply(context.Response, inAzure: false);
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (development) DevSignIn.AnnounceOn(app.ApplicationServices);
        app.UseRouting();
        app.UseLocalSignIn(development);
        app.UseEndpoints(e =>
        {
            e.MapPipelineApi();
            e.MapWebUi();
            e.MapMailCapture(capture);
            if (!development) return;
            e.MapDevSignIn();
            e.MapApiReference();
        });
    }

    /// <summary>The only Host headers the local host answers: it listens on loopback, for this machine's browser.</summary>
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Creates queues, tables and containers (Bicep does this in Azure).</summary>
    public static Task EnsureStorageAsync(IHost host, CancellationToken cancellationToken = default) =>
        host.Services.GetRequiredService<StorageSetup>().EnsureCreatedAsync(cancellationToken);

    /// <summary>
    /// Stops the host and disposes it once no queue trigger runs any more. The WebJobs SDK logs a function's completion
    /// through the host's logger factory after the function returns, so disposing the host while one still runs (a stop
    /// that timed out, a function ending late) throws in a pool thread and ends the process. If a trigger is still
    /// running after <paramref name="timeout"/>, the host is left undisposed (it is stopped; the process reclaims it) and
    /// false is returned.
    /// </summary>
    public static async Task<bool> StopAndDisposeAsync(IHost host, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await host.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        if (!await host.Services.GetRequiredService<TriggerActivity>().WaitIdleAsync(timeout)) return false;
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // the SDK's own logging after the last function returned
        host.Dispose();
        return true;
    }

    private sealed class TypeLocator(params Type[] types) : Microsoft.Azure.WebJobs.ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => types;
    }
}
