using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Cases;

public static class CasesServiceCollectionExtensions
{
    /// <summary>Cases: the case store (cases and their history).</summary>
    public static IServiceCollection AddCases(this IServiceCollection services) => services.AddSingleton<CaseStore>();
}
