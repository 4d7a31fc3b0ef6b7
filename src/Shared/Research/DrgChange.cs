using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Research;

/// <summary>A DRG the payer changed: the evidence that names it and how it is disputed.</summary>
public static class DrgChange
{
    /// <summary>
    /// The payer paid another DRG (CLP11) than the claim was billed with (837I HI*DR): a DRG downgrade, disputed on its own
    /// terms — for Medicare a DRG review asked within 60 days of the notice (42 CFR 412.60(d)); for other payers a
    /// clinical validation appeal citing the ICD-10-CM Official Guidelines and Coding Clinic, not a letter of medical necessity.
    /// </summary>
    public static Evidence? Evidence(ClaimPayment claim, RecordsSnapshot records, PayerKind kind)
    {
        if (claim.DrgCode is not { Length: > 0 } paid || records.Claim?.Drg is not { Length: > 0 } billed
            || string.Equals(paid.TrimStart('0'), billed.TrimStart('0'), StringComparison.OrdinalIgnoreCase)) return null;
        return new Research.Evidence("DRG", false, $"The payer paid DRG {paid}; the claim was billed with DRG {billed}: a DRG change. " + (kind == PayerKind.Medicare
            ? "Medicare: ask for a review of the DRG assignment within 60 days of the notice (42 CFR 412.60(d)), with the record that supports the codes billed."
            : "Appeal it as a clinical validation dispute, with the record, the ICD-10-CM Official Guidelines and Coding Clinic — not a letter of medical necessity."));
    }
}
