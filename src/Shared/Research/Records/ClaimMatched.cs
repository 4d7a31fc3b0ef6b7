namespace DenialPipeline.Research.Records;

public sealed record ClaimMatched(SubmittedClaim Claim, ClaimMatchMethod Method, IReadOnlyList<LineMatch> Lines, string Explanation) : ClaimMatch;
