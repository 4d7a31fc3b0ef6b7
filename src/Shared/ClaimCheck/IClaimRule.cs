namespace DenialPipeline.ClaimCheck;

/// <summary>
/// One pre-submission rule (one file under Rules/). Rules are pure: everything they look at is in the claim and the
/// context (records, payer rules, code edits, learned history), so a scenario test runs them without storage.
/// </summary>
public interface IClaimRule
{
    /// <summary>The rule's id as findings, metrics and docs name it (e.g. <c>ncci-ptp</c>).</summary>
    string Id { get; }

    IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context);
}
