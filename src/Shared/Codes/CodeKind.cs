namespace DenialPipeline.Codes;

/// <summary>The code systems the pipeline reads from remittances.</summary>
public enum CodeKind
{
    /// <summary>Claim Adjustment Reason Code (CAS02/05/…, X12 external code list 139).</summary>
    Carc,
    /// <summary>Remittance Advice Remark Code (LQ*HE, MIA/MOA, external code list 411).</summary>
    Rarc,
    /// <summary>Claim adjustment group code (CAS01: CO, PR, OA, PI, CR).</summary>
    Group,
}
