using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace DenialPipeline.Letters;

/// <summary>
/// Finds a template's Liquid text. Precedence, first found wins:
/// 1. disk override <c>&lt;dir&gt;/payers/&lt;payerId&gt;/&lt;name&gt;.liquid</c>
/// 2. embedded <c>Templates/payers/&lt;payerId&gt;/&lt;name&gt;.liquid</c>
/// 3. disk override <c>&lt;dir&gt;/&lt;name&gt;.liquid</c>
/// 4. embedded <c>Templates/&lt;name&gt;.liquid</c>
/// Partials (<c>{% include '_name' %}</c>) resolve the same way, so a payer can override just its letterhead.
/// </summary>
internal sealed partial class LetterTemplateSource
{
    private const string ResourcePrefix = "DenialPipeline.Letters.Templates/";
    private const int MaxIncludeDepth = 5;

    private readonly string? _overrideDirectory;
    private readonly Assembly _assembly = typeof(LetterTemplateSource).Assembly;
    private readonly HashSet<string> _resources;
    private readonly ConcurrentDictionary<string, string> _embeddedText = new(StringComparer.Ordinal);

    public LetterTemplateSource(string? overrideDirectory)
    {
        _overrideDirectory = string.IsNullOrWhiteSpace(overrideDirectory) ? null : Path.GetFullPath(overrideDirectory);
        _resources = _assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Embedded template names (relative, without extension), e.g. "Appeal", "payers/X/Appeal", "_letterhead".</summary>
    public IEnumerable<string> EmbeddedNames =>
        _resources.Select(r => r[ResourcePrefix.Length..^".liquid".Length]).Order(StringComparer.Ordinal);

    /// <summary>Loads a template and expands its partials. Returns the text, where it came from and a cache key.</summary>
    public (string Text, string Source, string CacheKey) Load(string name, string? payerId)
    {
        var (text, source, stamp) = Find(name, payerId)
            ?? throw new LetterTemplateException($"No template '{name}.liquid' (payer '{payerId ?? "none"}').");
        var keys = new List<string> { $"{source}@{stamp}" };
        var expanded = Expand(text, payerId, keys, depth: 1);
        return (expanded, source, string.Join('|', keys));
    }

    private string Expand(string text, string? payerId, List<string> keys, int depth) =>
        IncludePattern().Replace(text, match =>
        {
            if (depth > MaxIncludeDepth)
            {
                throw new LetterTemplateException($"Partials nest deeper than {MaxIncludeDepth} levels at '{match.Groups["name"].Value}'.");
            }

            var partial = match.Groups["name"].Value;
            var (partialText, source, stamp) = Find(partial, payerId)
                ?? throw new LetterTemplateException($"No partial '{partial}.liquid' (payer '{payerId ?? "none"}').");
            keys.Add($"{source}@{stamp}");
            return Expand(partialText, payerId, keys, depth + 1);
        });

    private (string Text, string Source, string Stamp)? Find(string name, string? payerId)
    {
        var payerFolder = SafePayerFolder(payerId);
        if (payerFolder is not null)
        {
            if (FromDisk(Path.Combine("payers", payerFolder, name + ".liquid")) is { } diskPayer)
            {
                return diskPayer;
            }

            if (FromResource($"payers/{payerFolder}/{name}") is { } embeddedPayer)
            {
                return embeddedPayer;
            }
        }

        return FromDisk(name + ".liquid") ?? FromResource(name);
    }

    private (string, string, string)? FromDisk(string relative)
    {
        if (_overrideDirectory is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(_overrideDirectory, relative));
        if (!path.StartsWith(_overrideDirectory, StringComparison.Ordinal) || !File.Exists(path))
        {
            return null;
        }

        var stamp = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (File.ReadAllText(path), "disk:" + relative.Replace('\\', '/')[..^".liquid".Length], stamp);
    }

    private (string, string, string)? FromResource(string name)
    {
        var resource = ResourcePrefix + name + ".liquid";
        if (!_resources.Contains(resource))
        {
            return null;
        }

        var text = _embeddedText.GetOrAdd(resource, r =>
        {
            using var stream = _assembly.GetManifestResourceStream(r)!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
        return (text, "embedded:" + name, "0");
    }

    /// <summary>Payer ids come from remittances: only plain ids may name a folder (no path tricks).</summary>
    internal static string? SafePayerFolder(string? payerId) =>
        payerId is { Length: > 0 and <= 64 } id && PayerIdPattern().IsMatch(id) ? id : null;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_\-]*$")]
    private static partial Regex PayerIdPattern();

    [GeneratedRegex(@"\{%-?\s*include\s+'(?<name>_[A-Za-z0-9_]+)'\s*-?%\}")]
    private static partial Regex IncludePattern();
}
