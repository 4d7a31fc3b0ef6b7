namespace DenialPipeline.Research.Rules;

/// <summary>The facts a rule's outcome carries onto the research result (what letters cite beyond the action itself).</summary>
internal static class OutcomeFacts
{
    public static ResearchResult WithFactsOf(this ResearchResult result, RuleOutcome outcome, Records.RecordsSnapshot records) => result with
    {
        AuthorizationNumber = outcome.AuthorizationNumber,
        EarlierPayment = outcome.EarlierPayment,
        EarlierPaymentsChecked = outcome.Category == Codes.DenialCategory.Duplicate && RuleContext.EarlierPaymentsChecked(records),
        // A claim to send replaces the processed one (7) unless the rule said otherwise (1: new claim, after MA130 or a void).
        ClaimFrequency = outcome.ClaimFrequency ?? (outcome.Action == Codes.ResolutionAction.CorrectedClaim ? "7" : null),
        VoidsOriginal = outcome.VoidsOriginal,
        ClericalError = outcome.ClericalError,
    };
}
