namespace DenialPipeline.Research.Rules;

/// <summary>When the next step is due: which clock a rule's action runs on.</summary>
internal enum Clock
{
    None,
    Appeal,
    TimelyFiling,
    OtherPayerFiling,
    /// <summary>A Medicare reopening on request: 1 year from the initial determination (42 CFR 405.980(c)(1)).</summary>
    Reopening,
    /// <summary>A Medicare review organization's (QIO's) reconsideration: 60 days from receipt of its notice (42 CFR 478.20).</summary>
    QioReconsideration,
    /// <summary>No Surprises Act open negotiation: 30 business days from the initial payment or denial (45 CFR 149.510(b)(1)).</summary>
    OpenNegotiation,
}
