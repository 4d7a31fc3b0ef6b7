using System.Reflection;
using DenialPipeline.LocalHost;
using DenialPipeline.X12;
using Xunit;

namespace DenialPipeline.Pipeline.Tests;

/// <summary><c>parse --json</c> compiles every marked method of the JSON writer ahead of use, not only the reader's.</summary>
public sealed class ParseHotPathsTests
{
    [Fact]
    public void TheJsonList_NamesEveryLocalHostTypeWithAMarkedMethod_AndTheReaders()
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var marked = typeof(ParseCommand).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.GetMethods(all).Any(m => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0))
            .ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, t => Assert.Contains(t, ParseCommand.JsonHotPaths));
        Assert.All(HotPaths.Remittance835Reader, t => Assert.Contains(t, ParseCommand.JsonHotPaths));
        Assert.All(ParseCommand.JsonHotPaths, t => Assert.True(HotPaths.Prepare(t) > 0, t.Name));
    }
}
