namespace DenialPipeline.Pipeline.Tests;

/// <summary>Finds ../shared/corpus/x12-835 beside the repository, when it is there (the files are never copied in).</summary>
public static class Corpus835
{
    public static string? Directory { get; } = Find();

    /// <summary>Its file names as theory data; without the corpus one empty name (the theory is skipped before it runs).</summary>
    public static TheoryData<string> Files
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var f in Directory is { } dir ? System.IO.Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray() : []) data.Add(Path.GetFileName(f));
            if (data.Count == 0) data.Add("");
            return data;
        }
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "x12-835")) is var c && System.IO.Directory.Exists(c) ? c : null;
        return null;
    }
}
