using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Ncci;
using DenialPipeline.ClaimCheck.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.ClaimCheck;

/// <summary>The claim check's registration, called by <c>AddDenialPipeline</c> (both hosts).</summary>
public static class ClaimCheckServiceCollectionExtensions
{
    public static IServiceCollection AddClaimCheck(this IServiceCollection services)
    {
        services.AddOptions<LearningOptions>().BindConfiguration(LearningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(_ => PayerRuleBook.LoadDefault());
        foreach (var rule in DefaultRules) services.AddSingleton(typeof(IClaimRule), rule);
        services.AddSingleton<ClaimChecker>();
        services.AddSingleton<NcciStore>();
        services.AddSingleton<DenialHistory>();
        services.AddSingleton<ClaimCheckRecordsLoader>();
        services.AddSingleton<ClaimCheckStore>();
        services.AddSingleton<ClaimCheckHandler>();
        services.AddSingleton<ClaimCheckMetrics>();
        return services;
    }

    /// <summary>The rules, in the order they run and report.</summary>
    public static readonly IReadOnlyList<Type> DefaultRules =
    [
        typeof(RequiredElementsRule), typeof(AuthorizationRule), typeof(EligibilityRule), typeof(TimelyFilingRule),
        typeof(DuplicateRule), typeof(NcciPtpRule), typeof(NcciMueRule), typeof(LiabilityModifierRule), typeof(LearnedPatternRule),
    ];

    /// <summary>The rules as instances (tests, the benchmark).</summary>
    public static IReadOnlyList<IClaimRule> CreateRules() => DefaultRules.Select(t => (IClaimRule)Activator.CreateInstance(t)!).ToList();
}
