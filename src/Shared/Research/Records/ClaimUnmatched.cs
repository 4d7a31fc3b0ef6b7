namespace DenialPipeline.Research.Records;

/// <summary>No submitted claim could be tied to the 835 claim without guessing; the reason says what was tried.</summary>
public sealed record ClaimUnmatched(string Reason) : ClaimMatch;
