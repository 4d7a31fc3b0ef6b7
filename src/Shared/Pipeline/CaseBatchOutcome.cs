namespace DenialPipeline.Pipeline;

/// <summary>How a message of several cases ran (<see cref="CaseBatch"/>): the case that failed, if one did, and the cases after it, not run.</summary>
public sealed record CaseBatchOutcome(string? FailedCaseId, Exception? Failure, IReadOnlyList<string> NotRun)
{
    public static readonly CaseBatchOutcome Done = new(null, null, []);
}
