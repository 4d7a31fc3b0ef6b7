namespace DenialPipeline.Letters;

public sealed record TimelyFilingProof
{
    public DateOnly? SubmittedOn { get; init; }

    /// <summary>E.g. "999 acceptance and 277CA from the clearinghouse".</summary>
    public string? Source { get; init; }

    /// <summary>Batch, acknowledgement or tracking number.</summary>
    public string? Reference { get; init; }
}
