namespace DenialPipeline.Architecture.Tests;

/// <summary>
/// Small rooms (issue #20): a newcomer can hold one file and one method in mind. No hand-written file in src/ above
/// 400 lines, no method, constructor, accessor, local function or expression-bodied member above 60 lines, one
/// top-level type per file named after it. Generated code (obj/, bin/) is not ours.
/// </summary>
public sealed class SourceShapeTests
{
    public const int MaxFileLines = 400;
    public const int MaxMethodLines = 60;

    [Fact]
    public void SourceFiles_AreAtMost400Lines()
    {
        var tooLong = SourceFiles()
            .Select(f => (File: f, Lines: File.ReadAllLines(f).Length))
            .Where(x => x.Lines > MaxFileLines)
            .Select(x => $"{Relative(x.File)}: {x.Lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0, $"Split these files (limit {MaxFileLines} lines):\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Methods_AreAtMost60Lines()
    {
        var tooLong = LongMembers()
            .Select(x => $"{Relative(x.File)}:{x.Member.Line} {x.Member.Name}: {x.Member.Lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0, $"Split these methods (limit {MaxMethodLines} lines):\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void SourceFiles_DeclareOneTopLevelTypeNamedAfterTheFile()
    {
        var problems = SourceFiles()
            .Select(f => (File: f, Problem: SourceShape.OneTypePerFileProblem(f, File.ReadAllText(f))))
            .Where(x => x.Problem is not null)
            .Select(x => $"{Relative(x.File)}: {x.Problem}")
            .ToList();
        Assert.True(problems.Count == 0, "One type per file, named after it:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheCheck_FindsALongMethod()
    {
        // The walker must see a long method, or the test above passes on anything.
        var body = string.Join("\n", Enumerable.Range(0, MaxMethodLines - 2).Select(i => $"var x{i} = {i};"));
        var members = SourceShape.Members($"namespace N;\nclass C\n{{\nvoid M()\n{{\n{body}\n}}\nvoid Short() {{ }}\n}}");
        var m = Assert.Single(members, x => x.Name == "C.M");
        Assert.Equal(MaxMethodLines + 1, m.Lines);
        Assert.Equal(1, Assert.Single(members, x => x.Name == "C.Short").Lines);
    }

    [Fact]
    public void TheCheck_FindsLongLocalFunctionsConstructorsAndExpressionBodiedMembers()
    {
        var lines = string.Join("\n", Enumerable.Range(0, MaxMethodLines).Select(i => $"+ {i}"));
        var source = $$"""
            class C
            {
                C() { int Local() => 0
            {{lines}};
                }
                int P => 0
            {{lines}};
                struct Inner { int this[int i] => i
            {{lines}}; }
            }
            """;
        var long_ = SourceShape.Members(source).Where(m => m.Lines > MaxMethodLines).Select(m => m.Name).ToList();
        Assert.Equal(["C..ctor", "C..ctor.Local", "C.P", "C.Inner.this[]"], long_);
    }

    [Fact]
    public void TheCheck_FindsALongFile()
    {
        // The file rule counts physical lines, as an editor does; prove the count on a file just over the limit.
        var path = Path.Combine(Path.GetTempPath(), $"shape-{Guid.NewGuid():N}.cs");
        File.WriteAllLines(path, Enumerable.Range(0, MaxFileLines + 1).Select(i => $"// {i}"));
        try { Assert.Equal(MaxFileLines + 1, File.ReadAllLines(path).Length); }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("Widget.cs", "namespace N; public sealed class Widget { public sealed record Part(int X); }", null)]
    [InlineData("Widget.Parts.cs", "namespace N; public sealed partial class Widget { }", null)]
    [InlineData("Program.cs", "var x = 1; System.Console.WriteLine(x);", null)]
    [InlineData("Box.cs", "namespace N; public sealed class Box<T> { }", null)]
    [InlineData("Models.cs", "namespace N; public sealed record A(int X); public sealed record B(int Y);", "declares 2 top-level types (A, B)")]
    [InlineData("Handler.cs", "namespace N { internal enum Outcome { Ok } }", "declares Outcome, not Handler")]
    [InlineData("Handler.cs", "namespace N; public sealed class Handler { } public delegate void Done();", "declares 2 top-level types (Handler, Done)")]
    public void TheCheck_FindsFilesWithSeveralOrMisnamedTypes(string file, string source, string? problem) =>
        Assert.Equal(problem, SourceShape.OneTypePerFileProblem(file, source));

    private static IEnumerable<(string File, SourceShape.Member Member)> LongMembers() =>
        from file in SourceFiles()
        from member in SourceShape.Members(File.ReadAllText(file))
        where member.Lines > MaxMethodLines
        select (file, member);

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(Root(), "src");
        var sep = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    private static string Relative(string file) => Path.GetRelativePath(Root(), file);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found above the test binaries.");
    }
}
