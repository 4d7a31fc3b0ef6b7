using DenialPipeline.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DenialPipeline.Letters;

public static class LettersServiceCollectionExtensions
{
    /// <summary>Letters: their options (section <c>Letters</c>), templates, the letter store and the drafting stage.</summary>
    public static IServiceCollection AddLetters(this IServiceCollection services)
    {
        services.AddOptions<LetterOptions>().BindConfiguration(LetterOptions.Section);
        services.AddSingleton(sp => new LetterRenderer(new LetterRendererOptions
        {
            OverrideDirectory = sp.GetRequiredService<IOptions<LetterOptions>>().Value.TemplateOverrideDirectory,
        }));
        services.AddSingleton<LetterContextFactory>();
        services.AddSingleton<LetterStore>();
        services.AddSingleton<DraftHandler>();
        services.AddSingleton<IPoisonRecorder, DraftPoisonRecorder>();
        return services;
    }
}
