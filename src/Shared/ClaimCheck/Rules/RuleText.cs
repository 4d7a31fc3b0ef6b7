namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>Small wording helpers the rules share, so evidence reads the same everywhere.</summary>
internal static class RuleText
{
    public static string Code(string procedure, IReadOnlyList<string> modifiers) =>
        modifiers.Count == 0 ? procedure : procedure + "-" + string.Join("-", modifiers);

    public static string Modifiers(IReadOnlyList<string> modifiers) =>
        string.Join(":", modifiers.Select(m => m.Trim().ToUpperInvariant()).Order(StringComparer.Ordinal));

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
