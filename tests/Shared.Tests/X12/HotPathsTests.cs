using System.Reflection;
using System.Runtime.CompilerServices;
using DenialPipeline.X12;
using Xunit;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// The reader's hot methods are compiled ahead of their first call (<c>parse --json</c>, issue #22): the list names every
/// type of the reader that has a method marked for full optimisation, and preparing them compiles those methods.
/// </summary>
public sealed class HotPathsTests
{
    private static bool Marked(MethodInfo m) => (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void TheReaderList_NamesEveryX12TypeWithAMarkedMethod_Except837AndRules()
    {
        var listed = HotPaths.Remittance835Reader.Select(t => t.IsGenericType ? t.GetGenericTypeDefinition() : t).ToHashSet();
        var marked = typeof(HotPaths).Assembly.GetTypes()
            .Where(t => t.Namespace == "DenialPipeline.X12" && !t.IsNested && t.GetMethods(All).Any(Marked))
            .Where(t => !t.Name.StartsWith("Claim837", StringComparison.Ordinal) && t != typeof(DenialRules))
            .ToList();
        Assert.NotEmpty(marked);
        Assert.All(marked, t => Assert.Contains(t, listed));
    }

    [Fact]
    public void Prepare_CompilesTheMarkedMethods_OfEachListedTypeAndItsNestedTypes()
    {
        foreach (var type in HotPaths.Remittance835Reader)
        {
            var expected = Count(type);
            Assert.True(expected > 0, $"{type.Name} has no method marked for full optimisation: drop it from the list");
            Assert.Equal(expected, HotPaths.Prepare(type));
        }
    }

    [Fact]
    public async Task PrepareAsync_Completes()
    {
        await HotPaths.PrepareAsync(HotPaths.Remittance835Reader).WaitAsync(TimeSpan.FromSeconds(60));
    }

    private static int Count(Type type) =>
        type.GetMethods(All).Count(m => Marked(m) && !m.IsAbstract && !m.ContainsGenericParameters)
        + type.GetNestedTypes(All).Where(n => !n.ContainsGenericParameters).Sum(Count);
}
