namespace DenialPipeline.Letters;

/// <summary>The kinds of letter the pipeline drafts. Each has a template <c>Templates/&lt;name&gt;.liquid</c>.</summary>
public enum LetterType
{
    /// <summary>Medicare Part A/B level-1 appeal (42 CFR 405.944, form CMS-20027 elements).</summary>
    MedicareRedetermination,

    /// <summary>Level-2 appeal other than Original Medicare's: a payer's second-level review.</summary>
    Reconsideration,

    /// <summary>Appeal of a timely-filing denial (CARC 29) with proof of timely submission.</summary>
    TimelyFilingAppeal,

    /// <summary>Appeal of an authorization denial (CARC 197 etc.) citing the authorization number.</summary>
    AuthorizationAppeal,

    /// <summary>Appeal of a medical-necessity denial (CARC 50 etc.) with a list of enclosures.</summary>
    MedicalNecessityAppeal,

    /// <summary>General commercial level-1 appeal.</summary>
    Appeal,

    /// <summary>Cover letter for a corrected claim (frequency 7) citing the payer's claim number.</summary>
    CorrectedClaimCover,

    /// <summary>Query to the provider about documentation. Asks; never leads.</summary>
    DocumentationQuery,

    /// <summary>Query to the provider about coding (diagnosis/procedure/modifier) clarification.</summary>
    CodingClarificationQuery,

    /// <summary>Request to the payer for a retroactive authorization.</summary>
    RetroAuthorizationRequest,

    /// <summary>Medicare reopening request (42 CFR 405.980): a clerical error on a processed claim, to the MAC, within 1 year.</summary>
    MedicareReopeningRequest,

    /// <summary>Medicare level 2: reconsideration by the QIC named on the redetermination notice (42 CFR 405.962-405.964).</summary>
    MedicareReconsideration,

    /// <summary>Medicare level 3: ALJ hearing request to OMHA, above the amount-in-controversy threshold (42 CFR 405.1002-405.1014).</summary>
    AljHearingRequest,

    /// <summary>
    /// Medicare level 4: request for Medicare Appeals Council review of the ALJ's decision, filed where the decision's notice
    /// says (DAB E-File or the Council's address), within 60 days of receipt, naming what is disputed and why (42 CFR
    /// 405.1102, 405.1112). Level 5 (federal district court, 405.1130-405.1136) is a civil action: no letter is drafted.
    /// </summary>
    CouncilReviewRequest,
}
