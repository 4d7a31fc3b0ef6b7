namespace DenialPipeline.Review;

/// <summary>What a review operation came to; the review API maps each to an HTTP answer.</summary>
public enum ReviewOutcome { Done, AlreadyDone, NotFound, Conflict, InvalidState, Invalid, PreconditionRequired, NeedsInput }
