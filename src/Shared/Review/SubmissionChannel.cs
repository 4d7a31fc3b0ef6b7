namespace DenialPipeline.Review;

/// <summary>How a letter went out when it did not go by email.</summary>
public enum SubmissionChannel { Portal, Fax, Mail }
