namespace DenialPipeline.LocalHost;

/// <summary>The repository root: the folder with DenialPipeline.sln (walking up from the working folder, then the binaries).</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln")) && File.Exists(Path.Combine(dir.FullName, "package.json")))
                    return dir.FullName;
        }
        throw new InvalidOperationException("Run this from inside the repository (the folder with DenialPipeline.sln and package.json).");
    }
}
