namespace DenialPipeline.Api;

public sealed record UnmatchedView(CaseSummaryView Case, string Reason);
