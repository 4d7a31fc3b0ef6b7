namespace DenialPipeline.Infra.Tests;

/// <summary>Paths in the repository, found by walking up from the test assembly to DenialPipeline.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    public static string Root => RootLazy.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string MainBicepParam => Path.Combine(Infra, "main.bicepparam");

    public static string ProdBicepParam => Path.Combine(Infra, "main.prod.bicepparam");

    public static string InfraTestsProject => Path.Combine(Root, "tests", "Infra.Tests", "Infra.Tests.csproj");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"DenialPipeline.sln not found in {AppContext.BaseDirectory} or any parent folder.");
    }
}
