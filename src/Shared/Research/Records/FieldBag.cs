namespace DenialPipeline.Research.Records;

/// <summary>The fields of one CSV row or JSON object, by normalised name (case, '_', '-' and spaces ignored).</summary>
internal sealed class FieldBag(int row, IReadOnlyDictionary<string, string> values)
{
    public int Row { get; } = row;

    public static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or ' '))).ToLowerInvariant();

    public string? Get(string name) =>
        values.TryGetValue(Normalize(name), out var v) && v.Trim().Length > 0 ? v.Trim() : null;
}
