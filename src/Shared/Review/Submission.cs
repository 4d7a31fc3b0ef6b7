namespace DenialPipeline.Review;

/// <summary>A "mark submitted" request: channel, the payer's reference, the date, and an optional confirmation file.</summary>
public sealed record Submission(SubmissionChannel Channel, string Reference, DateOnly Date, SubmissionFile? Confirmation = null);
