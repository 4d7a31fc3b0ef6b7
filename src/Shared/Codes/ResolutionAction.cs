namespace DenialPipeline.Codes;

/// <summary>The next step a coder takes on a denial.</summary>
public enum ResolutionAction
{
    Appeal,
    CorrectedClaim,
    ProviderQuery,
    BillOtherPayer,
    BillPatient,
    RequestRetroAuthorization,
    WriteOff,
    NoAction,
    ManualReview,
    /// <summary>
    /// Ask Medicare to reopen a processed claim to correct a clerical error (42 CFR 405.980; Medicare Claims Processing
    /// Manual ch. 34): not a replacement claim and not an appeal. Appended last so stored numeric values keep their meaning.
    /// </summary>
    RequestReopening,
}
