namespace DenialPipeline.Api;

public sealed record RejectionView(int Row, string Reason, string? Key);
