namespace DenialPipeline.Review;

/// <summary>A submission's confirmation (a portal receipt, a fax report), kept beside the letter's versions.</summary>
public sealed record SubmissionFile(string FileName, string ContentType, Stream Content);
