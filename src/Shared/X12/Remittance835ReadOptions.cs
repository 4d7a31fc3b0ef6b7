namespace DenialPipeline.X12;

/// <summary>
/// What <see cref="Remittance835Reader"/> builds. By default everything. A consumer that prints neither names nor
/// references (<c>parse --json</c> and <c>--csv</c>) sets <see cref="SkipNamesAndReferences"/>: the claim-level NM1
/// names (patient, insured, corrected insured, rendering provider) and the claim and line REF references are then
/// left out of the model — fewer objects per claim, and less PHI held — while every segment is still counted and
/// checked, so the issues and every other value are the same.
/// </summary>
public sealed record Remittance835ReadOptions
{
    /// <summary>Everything, as ingest needs it.</summary>
    public static readonly Remittance835ReadOptions Full = new();

    /// <summary>Claims without <see cref="ClaimPayment.Patient"/>, <see cref="ClaimPayment.Insured"/>, <see cref="ClaimPayment.CorrectedInsured"/>,
    /// <see cref="ClaimPayment.RenderingProvider"/>, references (claim and line) and a line's control number (REF*6R).</summary>
    public bool SkipNamesAndReferences { get; init; }
}
