namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>How an NCCI procedure-to-procedure edit treats modifiers (the CMS file's "Modifier" column).</summary>
public enum PtpModifierIndicator
{
    /// <summary>0: no modifier allows the pair; the column 2 code is not paid.</summary>
    NotAllowed = 0,
    /// <summary>1: an NCCI-associated modifier (59, XE/XS/XP/XU, 25, anatomic …) allows both when the services were distinct.</summary>
    Allowed = 1,
    /// <summary>9: not applicable (the edit was deleted back to its effective date).</summary>
    NotApplicable = 9,
}
