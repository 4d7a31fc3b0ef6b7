namespace DenialPipeline.Research.Records;

/// <summary>Where an 835 claim landed: <see cref="ClaimMatched"/> or <see cref="ClaimUnmatched"/>.</summary>
public abstract record ClaimMatch;
