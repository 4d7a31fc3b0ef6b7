namespace DenialPipeline.ClaimCheck;

/// <summary>A claim of the input that could not be checked (no CLM01, no date of service, unreadable FHIR entry): where and why.</summary>
public sealed record ClaimCheckInputError(string Source, string Reason);
