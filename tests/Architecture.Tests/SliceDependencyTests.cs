using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using DenialPipeline.Hosting;

namespace DenialPipeline.Architecture.Tests;

/// <summary>
/// The slices of src/Shared depend downward only (docs/architecture.md): hosts → stages → shared domain → Pipeline →
/// Storage, and no two namespaces depend on each other, directly or round a longer loop. Dependencies are read from the
/// compiled IL (ArchUnitNET), so method bodies count, not only signatures.
/// </summary>
public sealed class SliceDependencyTests
{
    private static readonly Lazy<NamespaceGraph> Shared = new(() => NamespaceGraph.Of(
        new ArchLoader().LoadAssemblies(typeof(PipelineServiceCollectionExtensions).Assembly).Build()));

    [Fact]
    public void EveryNamespace_HasALayer()
    {
        var unplaced = Shared.Value.Namespaces.Where(n => Layers.Of(n) is null).ToList();
        Assert.True(unplaced.Count == 0,
            $"Namespace(s) {string.Join(", ", unplaced)} have no layer: add each to {nameof(Layers)} (and docs/architecture.md).");
    }

    [Fact]
    public void NoSlice_DependsOnAHigherLayer()
    {
        var upward = Shared.Value.Edges
            .Where(e => Layers.Of(e.From) is { } from && Layers.Of(e.To) is { } to && to > from)
            .Select(e => $"{e.From} ({Layers.Of(e.From)}) → {e.To} ({Layers.Of(e.To)}), e.g. {e.Example}")
            .ToList();
        Assert.True(upward.Count == 0, "Dependencies pointing up:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void Storage_DependsOnNothingElseOfOurs()
    {
        var outgoing = Shared.Value.Edges.Where(e => e.From == "Storage").Select(e => $"Storage → {e.To}, e.g. {e.Example}").ToList();
        Assert.True(outgoing.Count == 0, "Storage is the leaf, yet:\n" + string.Join("\n", outgoing));
    }

    [Fact]
    public void NoNamespaceCycles()
    {
        var graph = Shared.Value;
        var cycles = graph.Cycles().Select(c => $"{{{string.Join(", ", c.Order())}}} depend on each other:\n  " + string.Join("\n  ",
            graph.Edges.Where(e => c.Contains(e.From) && c.Contains(e.To)).Select(e => $"{e.From} → {e.To}, e.g. {e.Example}")));
        Assert.True(!cycles.Any(), "Namespace cycles:\n" + string.Join("\n", cycles));
    }

    /// <summary>The check itself finds a cycle and an upward dependency (so a green result means something).</summary>
    [Fact]
    public void Graph_FindsACycle_InAGraphWithOne()
    {
        var g = new NamespaceGraph(["A", "B", "C"], [new("A", "B", "x"), new("B", "C", "y"), new("C", "A", "z")]);
        Assert.Equal(["A", "B", "C"], Assert.Single(g.Cycles()).Order());
        Assert.Empty(new NamespaceGraph(["A", "B"], [new("A", "B", "x")]).Cycles());
    }
}
