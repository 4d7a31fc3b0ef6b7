namespace DenialPipeline.Api;

public sealed record CaseRejectionView(string LetterId, string? Reason);
