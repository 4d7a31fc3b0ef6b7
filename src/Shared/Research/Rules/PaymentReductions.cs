using System.Globalization;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Legitimate reductions of a contracted rate before an allowed amount is called an underpayment (Research/Data/
/// payment-reductions.csv): the line's modifiers (-51 multiple procedures, -80/-82/-AS assistants at surgery) and, when
/// none of those applies, a CO-59 multiple-procedure adjustment on the line.
/// </summary>
internal static class PaymentReductions
{
    private sealed record Reduction(string Kind, string Code, decimal Factor, string Source);

    private static readonly IReadOnlyList<Reduction> All = Load();

    /// <summary>The factor the contracted rate is multiplied by for this line, and the reason (null: no reduction applies).</summary>
    public static (decimal Factor, string? Why) For(ServiceLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var byModifier = All.Where(r => r.Kind == "modifier" && line.Modifiers.Contains(r.Code, RuleContext.Ids)).ToList();
        if (byModifier.Count > 0)
            return (byModifier.Aggregate(1m, (f, r) => f * r.Factor), string.Join("; ", byModifier.Select(r => r.Source)));
        var byCarc = All.FirstOrDefault(r => r.Kind == "carc" && line.Adjustments.Any(a => a.Reason == r.Code && a.Amount > 0m));
        return byCarc is null ? (1m, null) : (byCarc.Factor, byCarc.Source);
    }

    private static List<Reduction> Load()
    {
        var assembly = typeof(PaymentReductions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Research.Data.payment-reductions.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var list = new List<Reduction>();
        var row = 0;
        while (reader.ReadLine() is { } text)
        {
            if (row++ == 0 || text.Length == 0) continue;
            var f = text.Split(',', 4);
            if (f.Length < 4 || !decimal.TryParse(f[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var factor))
                throw new InvalidDataException($"Research/Data/payment-reductions.csv row {row}: expected kind,code,factor,source");
            list.Add(new Reduction(f[0], f[1], factor, f[3]));
        }
        return list;
    }
}
