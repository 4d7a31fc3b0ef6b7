using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Codes;

public static class CodesServiceCollectionExtensions
{
    /// <summary>Codes: the code book (CARC, RARC, group codes from data files) and its stored lists.</summary>
    public static IServiceCollection AddCodes(this IServiceCollection services)
    {
        services.AddSingleton(_ => CodeBook.LoadDefault());
        services.AddSingleton<CodeListStore>();
        return services;
    }
}
