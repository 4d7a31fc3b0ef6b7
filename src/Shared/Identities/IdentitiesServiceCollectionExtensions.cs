using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.Identities;

public static class IdentitiesServiceCollectionExtensions
{
    /// <summary>Payer identities (issue 18): which caller, by stable object id, is which payer account.</summary>
    public static IServiceCollection AddIdentities(this IServiceCollection services) => services.AddSingleton<PayerIdentityStore>();
}
