namespace DenialPipeline.Letters;

/// <summary>One CARC adjustment with the sentence that rebuts it.</summary>
public sealed record DenialReasonInfo
{
    /// <summary>CAS01 group code: CO, PR, OA, PI.</summary>
    public string? GroupCode { get; init; }

    /// <summary>CARC, e.g. "50".</summary>
    public string? ReasonCode { get; init; }

    /// <summary>Plain-English description of the CARC.</summary>
    public string? Description { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>The specific rebuttal, drawn from research evidence.</summary>
    public string? Rebuttal { get; init; }
}
