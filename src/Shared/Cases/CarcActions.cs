using System.Reflection;

namespace DenialPipeline.Cases;

/// <summary>First-pass CARC → category and action, read from Data/carc-actions.csv (code sets are data, not switches).</summary>
public sealed class CarcActions
{
    public sealed record Entry(string Code, string Category, string Action, string Plain);

    private readonly Dictionary<string, Entry> _byCode;

    private CarcActions(Dictionary<string, Entry> byCode) => _byCode = byCode;

    public static CarcActions LoadEmbedded()
    {
        var asm = typeof(CarcActions).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith("carc-actions.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(asm.GetManifestResourceStream(name)!);
        var map = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(',', 4);
            map[parts[0]] = new Entry(parts[0], parts[1], parts[2], parts[3]);
        }
        return new CarcActions(map);
    }

    public Entry? Find(string reason) => _byCode.GetValueOrDefault(reason);
}
