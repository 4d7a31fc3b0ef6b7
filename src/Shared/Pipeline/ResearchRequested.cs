namespace DenialPipeline.Pipeline;

/// <summary>One record per queue message. Messages carry ids only; the state lives in tables and blobs.</summary>
public sealed record ResearchRequested(string CaseId);
