using System.Diagnostics;

namespace DenialPipeline.Tests.Docs;

/// <summary>The repository's commit-msg hook (issue #20) takes a short imperative subject, a blank line and a why, and refuses the rest.</summary>
public sealed class CommitMessageHookTests
{
    [Theory]
    [InlineData("Split the research rules into files\n\nA newcomer changes one rule in one file.\n", true)]
    [InlineData("Merge branch 'scale'\n", true)]
    [InlineData("Research: a later Medicare appeal level replaced the deadline but kept the priority of the first level\n\nwhy\n", false)]
    [InlineData("Split the research rules\nwithout a blank line\n", false)]
    [InlineData("Split the research rules\n", false)]
    [InlineData("Split the research rules.\n\nWhy.\n", false)]
    [InlineData("\n\nbody only\n", false)]
    public void Hook_ChecksSubjectBlankLineAndBody(string message, bool accepted)
    {
        if (!File.Exists("/bin/sh")) return; // the hook is a POSIX shell script; CI runs on Linux
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, message);
            var psi = new ProcessStartInfo("/bin/sh", [Path.Combine(Root(), ".githooks", "commit-msg"), file])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var p = Process.Start(psi)!;
            p.WaitForExit(10_000);
            Assert.Equal(accepted, p.ExitCode == 0);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found above the test binaries.");
    }
}
