namespace DenialPipeline.X12;

/// <summary>One HI composite: qualifier (ABK principal ICD-10 diagnosis, ABF other, BK/BF ICD-9, BE value code, …) and code.</summary>
public sealed record HealthCareCode(string Qualifier, string Code);
