namespace DenialPipeline.Pipeline;

public sealed record DraftRequested(string CaseId);
