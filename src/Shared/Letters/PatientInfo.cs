namespace DenialPipeline.Letters;

public sealed record PatientInfo
{
    public string? Name { get; init; }

    /// <summary>Member id; for Original Medicare the Medicare Beneficiary Identifier (MBI).</summary>
    public string? MemberId { get; init; }

    public DateOnly? DateOfBirth { get; init; }
}
