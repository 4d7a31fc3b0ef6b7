using System.Text.Json;
using DenialPipeline.Cases;

namespace DenialPipeline.Api;

public sealed record CaseDetailView(CaseSummaryView Case, ClaimSnapshot? Claim, JsonElement? Research, JsonElement? Records, IReadOnlyList<LetterSummaryView> Letters, IReadOnlyList<HistoryView> History);
