namespace DenialPipeline.Tests;

/// <summary>Finds ../shared/corpus (beside the repository) when it is there; tests skip cleanly when it is not.</summary>
public static class SharedCorpus
{
    /// <summary>Why a corpus test is skipped (shown by the runner instead of a silent pass).</summary>
    public const string AbsentReason = "../shared/corpus is absent";

    public static string? Root { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                return Directory.Exists(corpus) ? corpus : null;
            }
        }
        return null;
    }

    /// <summary>
    /// A corpus file's path, for tests marked <see cref="CorpusFactAttribute"/> / <see cref="CorpusTheoryAttribute"/>
    /// (they are skipped without the corpus, so reaching this without it is a test bug).
    /// </summary>
    public static string PathOf(string folder, string name) =>
        Path.Combine(Root ?? throw new InvalidOperationException(AbsentReason + ": mark the test [CorpusFact] or [CorpusTheory]"), folder, name);

    /// <summary>
    /// MANIFEST.tsv rows for one folder ("x12-835"): file name (without the folder) and its what_it_exercises column,
    /// in manifest order. Empty without the corpus.
    /// </summary>
    public static IReadOnlyList<(string Name, string Exercises)> Manifest(string folder)
    {
        if (Root is null) return [];
        var prefix = folder + "/";
        var rows = new List<(string, string)>();
        foreach (var line in File.ReadLines(Path.Combine(Root, "MANIFEST.tsv")).Skip(1))
        {
            var cols = line.Split('\t');
            if (cols.Length >= 6 && cols[0].StartsWith(prefix, StringComparison.Ordinal)) rows.Add((cols[0][prefix.Length..], cols[5]));
        }
        return rows;
    }

    /// <summary>
    /// Every file the manifest lists under <paramref name="folder"/>, as theory data. Without the corpus, one empty
    /// name: a theory with no data fails discovery, and a [CorpusTheory] is skipped before it is run with it.
    /// </summary>
    public static TheoryData<string> ManifestData(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Manifest(folder)) data.Add(name);
        if (Root is null) data.Add("");
        return data;
    }
}

/// <summary>A fact that reads ../shared/corpus: reported as skipped, not passed, when the corpus is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (SharedCorpus.Root is null) Skip = SharedCorpus.AbsentReason;
    }
}

/// <summary>A theory that reads ../shared/corpus: reported as skipped, not passed, when the corpus is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (SharedCorpus.Root is null) Skip = SharedCorpus.AbsentReason;
    }
}
