namespace DenialPipeline.Research.Records;

/// <summary>A person as the claim names them. Names and dates of birth are PHI: never log them.</summary>
public sealed record PersonIdentity
{
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? MemberId { get; init; }
    public DateOnly? BirthDate { get; init; }
}
