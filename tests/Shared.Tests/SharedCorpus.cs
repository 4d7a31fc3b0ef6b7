namespace DenialPipeline.Tests;

/// <summary>Finds ../shared/corpus (beside the repository) when it is there; tests skip cleanly when it is not.</summary>
public static class SharedCorpus
{
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

    public static string? File835(string name) => Root is null ? null : Path.Combine(Root, "x12-835", name);
}
