using System.Text.Json.Serialization;
using DenialPipeline.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The OpenAPI document of the HTTP API, generated from the endpoints' descriptions (<see cref="ApiEndpoints"/>), and a
/// reference page over it. Development only: docs/openapi.json is the checked-in copy a test keeps equal to this one.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the reference page (Scalar) is served.</summary>
    public const string PagePath = "/scalar";

    public static IServiceCollection AddApiReference(this IServiceCollection services)
    {
        // The schemas say what ApiResult writes (MessageJson): enums by name.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(ApiRoutes.Prefix, StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Denial pipeline API",
                    Version = "v1",
                    Description = "The same routes under /api on the Functions app and the local host. Errors are RFC 9457 problem details (docs/api.md, \"Errors\").",
                };
                // The document is the same wherever it is served (a checked-in copy is compared with it).
                document.Servers?.Clear();
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference(PagePath, o => o.WithTitle("Denial pipeline API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return endpoints;
    }
}
