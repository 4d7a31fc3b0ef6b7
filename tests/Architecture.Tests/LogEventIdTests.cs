using System.Reflection;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Architecture.Tests;

/// <summary>Every [LoggerMessage] of the pipeline and both hosts has its own event id, so a log query by id finds one message.</summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Ours =
    [
        typeof(Hosting.PipelineServiceCollectionExtensions).Assembly,
        typeof(LocalHost.QueueTriggers).Assembly,
        typeof(Functions.Functions.IngestFunction).Assembly,
    ];

    [Fact]
    public void EveryLoggerMessage_HasAnEventIdOfItsOwn()
    {
        var messages = Ours.SelectMany(LoggerMessagesOf).ToList();
        Assert.True(messages.Count >= 40, $"Only {messages.Count} [LoggerMessage] methods found: is the scan still looking in the right place?");
        var duplicates = Duplicates(messages);
        Assert.True(duplicates.Count == 0, "Event ids used more than once:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Duplicates_NamesEachMethodOfAnIdUsedTwice()
    {
        var found = Duplicates([("A.One", 1), ("B.Two", 2), ("C.Three", 1)]);
        Assert.Equal(["1: A.One, C.Three"], found);
    }

    internal static IReadOnlyList<string> Duplicates(IEnumerable<(string Method, int EventId)> messages) =>
        messages.GroupBy(m => m.EventId).Where(g => g.Count() > 1).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method).Order())}").ToList();

    private static IEnumerable<(string Method, int EventId)> LoggerMessagesOf(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{type.FullName}.{method.Name}", attribute.EventId);
}
