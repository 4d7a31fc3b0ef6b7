using System.Reflection;
using System.Runtime.CompilerServices;

namespace DenialPipeline.X12;

/// <summary>
/// Compiles a command's hot methods (those marked <see cref="MethodImplOptions.AggressiveOptimization"/>, which the
/// runtime compiles fully optimised at their first call) ahead of that call, on a thread of its own. A command that
/// reads a file on one thread and writes on another otherwise compiles them on those threads, one after the other,
/// while the file waits (<c>parse --json</c> of a 1 MB file: 0.23 s → 0.20 s, issue #22; docs/benchmarks.md).
/// </summary>
public static class HotPaths
{
    /// <summary>The 835 reader's hot methods: the tokenizer, the parser and its value readers.</summary>
    public static IReadOnlyList<Type> Remittance835Reader { get; } =
        [typeof(X12Tokenizer), typeof(X12Text), typeof(X12StringCache), typeof(X12Map<decimal>), typeof(Remittance835Parser)];

    /// <summary>Starts compiling the marked methods of <paramref name="types"/> (and their nested types) in the background.</summary>
    public static Task PrepareAsync(IEnumerable<Type> types)
    {
        var list = types.ToList();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { foreach (var t in list) Prepare(t); done.SetResult(); }
            catch (Exception e) { done.SetException(e); }
        }) { IsBackground = true, Name = "hot path compile" };
        thread.Start();
        return done.Task;
    }

    /// <summary>The marked methods of <paramref name="type"/> and its nested types, compiled now; returns how many.</summary>
    public static int Prepare(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var n = 0;
        foreach (var m in type.GetMethods(all))
        {
            if (m.IsAbstract || m.ContainsGenericParameters || (m.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) == 0) continue;
            RuntimeHelpers.PrepareMethod(m.MethodHandle, type.IsGenericType ? type.GetGenericArguments().Select(a => a.TypeHandle).ToArray() : null);
            n++;
        }
        foreach (var nested in type.GetNestedTypes(all))
            if (!nested.ContainsGenericParameters) n += Prepare(nested);
        return n;
    }
}
