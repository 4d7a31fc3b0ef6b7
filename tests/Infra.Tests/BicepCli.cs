using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DenialPipeline.Infra.Tests;

/// <summary>
/// The Bicep CLI restored by NuGet (PackageDownload in Infra.Tests.csproj). Tests fail, never skip, when it is
/// missing: CI restores it, so a missing binary is a broken build.
/// </summary>
internal static partial class BicepCli
{
    public const string PackageId = "Azure.Bicep.CommandLine.linux-x64";

    private static readonly Lazy<string> PathLazy = new(() => Locate(NuGetRoot(), PinnedVersion()));

    /// <summary>Absolute path of the bicep executable (made executable for its owner).</summary>
    public static string ExecutablePath => PathLazy.Value;

    /// <summary>The NuGet global packages folder: NUGET_PACKAGES, else ~/.nuget/packages.</summary>
    public static string NuGetRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return !string.IsNullOrWhiteSpace(fromEnv)
            ? fromEnv
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    /// <summary>The version pinned by the PackageDownload item (the one place it is written).</summary>
    public static string PinnedVersion()
    {
        var csproj = File.ReadAllText(RepoPaths.InfraTestsProject);
        var match = PackageDownloadRegex().Match(csproj);
        if (!match.Success)
            throw new InvalidOperationException($"No <PackageDownload Include=\"{PackageId}\" Version=\"[x.y.z]\" /> in {RepoPaths.InfraTestsProject}.");
        return match.Groups["version"].Value;
    }

    /// <summary>Finds the restored binary or throws a message that says how to get it.</summary>
    public static string Locate(string nugetRoot, string version)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
            throw new PlatformNotSupportedException($"{PackageId} carries a linux-x64 binary; this machine is {System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}.");

        var path = Path.Combine(nugetRoot, PackageId.ToLowerInvariant(), version, "tools", "bicep");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Bicep CLI {version} not found at {path}. Run `dotnet restore tests/Infra.Tests` " +
                $"(it downloads NuGet package {PackageId} {version}); set NUGET_PACKAGES if your NuGet root is elsewhere.",
                path);
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Runs bicep with the given arguments in <paramref name="workingDirectory"/>.</summary>
    public static BicepResult Run(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var psi = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);

        // Deterministic runs: no telemetry, and no azd environment leaking into readEnvironmentVariable().
        psi.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        foreach (var name in ParameterFileVariables())
            psi.Environment.Remove(name);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
                psi.Environment[key] = value;
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return new BicepResult(string.Join(' ', args), process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>The environment variables infra/main.bicepparam and infra/main.prod.bicepparam read (azd's environment).</summary>
    public static IReadOnlyList<string> ParameterFileVariables() =>
        ParameterFileVariables(RepoPaths.MainBicepParam).Union(ParameterFileVariables(RepoPaths.ProdBicepParam)).ToList();

    /// <summary>The environment variables one parameter file reads.</summary>
    public static IReadOnlyList<string> ParameterFileVariables(string path) =>
        ReadEnvironmentVariableRegex().Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value).Distinct().ToList();

    [GeneratedRegex("""readEnvironmentVariable\('(?<name>[A-Za-z0-9_]+)'""")]
    private static partial Regex ReadEnvironmentVariableRegex();

    [GeneratedRegex("""<PackageDownload\s+Include="Azure\.Bicep\.CommandLine\.linux-x64"\s+Version="\[(?<version>[^\]]+)\]"\s*/>""")]
    private static partial Regex PackageDownloadRegex();
}

/// <summary>What a bicep command returned.</summary>
public sealed record BicepResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostic lines ("file(line,col) : Warning|Error code: message").</summary>
    public IReadOnlyList<string> Diagnostics =>
        (StandardError + "\n" + StandardOutput)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(" : Warning ", StringComparison.Ordinal) || line.Contains(" : Error ", StringComparison.Ordinal))
            .ToList();

    public override string ToString() =>
        $"bicep {Command} exited {ExitCode}\n--- stderr ---\n{StandardError}\n--- stdout (first 2000 chars) ---\n{StandardOutput[..Math.Min(2000, StandardOutput.Length)]}";
}
