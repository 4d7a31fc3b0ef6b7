namespace DenialPipeline.Research.Records;

/// <summary>One way a member id of the claim led to a Patient record: as a Patient identifier or a Coverage subscriber id.</summary>
public sealed record PatientIdHit(string PatientId, string Via);
