namespace DenialPipeline.Resolution;

public sealed record SweepResult(int CasesChecked, int Reminded, int FlaggedMissed, int MailFailures)
{
    /// <summary>True when this run did nothing because another sweep (another host, or the <c>sweep</c> command) was running.</summary>
    public bool AnotherSweepRunning { get; init; }
}
