namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>One NCCI PTP edit: column 1 and column 2 codes, the period it is in effect and its modifier indicator.</summary>
public sealed record PtpEdit(string Column1, string Column2, DateOnly Effective, DateOnly? Deleted, PtpModifierIndicator Modifier, string Rationale)
{
    public bool InEffectOn(DateOnly date) => Effective <= date && (Deleted is null || date <= Deleted);
}
