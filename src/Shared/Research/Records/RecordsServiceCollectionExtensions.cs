using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Research.Records;

public static class RecordsServiceCollectionExtensions
{
    /// <summary>Records: submitted claims, payer and provider records, and their import.</summary>
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddSingleton<RecordStore>();
        services.AddSingleton<RecordImporter>();
        services.AddSingleton<RecordsImport>();
        return services;
    }
}
