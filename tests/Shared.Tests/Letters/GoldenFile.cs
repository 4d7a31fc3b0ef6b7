using System.Runtime.CompilerServices;

namespace DenialPipeline.Tests.Letters;

/// <summary>
/// Compares text with an approved file under Letters/Golden (copied to the test output). With
/// UPDATE_GOLDEN=1 it rewrites the approved file in the source tree instead of failing.
/// </summary>
internal static class GoldenFile
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var sourceDir = Path.Combine(Path.GetDirectoryName(callerFile)!, "Golden");
            Directory.CreateDirectory(sourceDir);
            File.WriteAllText(Path.Combine(sourceDir, name), actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Letters", "Golden", name);
        Assert.True(File.Exists(path), $"No approved file Letters/Golden/{name}. Run the tests once with UPDATE_GOLDEN=1, review the new file and commit it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Assert.Fail(
            $"Letters/Golden/{name} differs from the rendered output at line {line + 1}.\n" +
            $"  approved: {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
            $"  rendered: {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
            "If the change is intended, run with UPDATE_GOLDEN=1, review the diff (git diff) and commit it.");
    }
}
