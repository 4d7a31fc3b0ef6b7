using ArchUnitNET.Domain;

namespace DenialPipeline.Architecture.Tests;

/// <summary>A dependency of one namespace on another, with one type-level example for the failure message.</summary>
public sealed record NamespaceEdge(string From, string To, string Example);

/// <summary>Which of our namespaces (without the <c>DenialPipeline.</c> prefix) use which, from the compiled types.</summary>
public sealed class NamespaceGraph(IReadOnlyList<string> namespaces, IReadOnlyList<NamespaceEdge> edges)
{
    private const string Root = "DenialPipeline.";

    public IReadOnlyList<string> Namespaces { get; } = namespaces;
    public IReadOnlyList<NamespaceEdge> Edges { get; } = edges;

    public static NamespaceGraph Of(ArchUnitNET.Domain.Architecture architecture)
    {
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        var edges = new Dictionary<(string, string), NamespaceEdge>();
        foreach (var type in architecture.Types)
        {
            if (SliceOf(type) is not { } from) continue;
            namespaces.Add(from);
            foreach (var dependency in type.Dependencies)
            {
                if (SliceOf(dependency.Target) is not { } to || to == from) continue;
                edges.TryAdd((from, to), new NamespaceEdge(from, to, $"{type.FullName} uses {dependency.Target.FullName}"));
            }
        }
        return new NamespaceGraph([.. namespaces], [.. edges.Values.OrderBy(e => e.From).ThenBy(e => e.To)]);
    }

    /// <summary>
    /// The slice a type belongs to: its namespace below <c>DenialPipeline.</c>. A slice's <c>Rules</c> folder (one rule per
    /// file, e.g. Research.Rules) is part of that slice: the flow and its rules are one feature, not two layers.
    /// </summary>
    private static string? SliceOf(IType? type)
    {
        if (type?.Namespace?.FullName is not { } ns || !ns.StartsWith(Root, StringComparison.Ordinal)) return null;
        var slice = ns[Root.Length..];
        return slice.EndsWith(RulesSuffix, StringComparison.Ordinal) ? slice[..^RulesSuffix.Length] : slice;
    }

    private const string RulesSuffix = ".Rules";

    /// <summary>Every strongly connected group of two or more namespaces (Tarjan), each as its members.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var next = Edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var result = new List<IReadOnlyList<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) result.Add(group);
        }
        foreach (var n in Namespaces.Concat(Edges.Select(e => e.To)).Distinct()) if (!index.ContainsKey(n)) Visit(n);
        return result;
    }
}
