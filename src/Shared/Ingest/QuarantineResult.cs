namespace DenialPipeline.Ingest;

public sealed record QuarantineResult(QuarantineOutcome Outcome, RemittanceFileEntity? File, string? Message = null);
