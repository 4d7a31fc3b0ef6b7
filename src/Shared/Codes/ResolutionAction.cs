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
}
