namespace DenialPipeline.Letters;

public enum PayerKind
{
    /// <summary>Original Medicare (Part A/B, MAC). Only this kind gets a 405.944 redetermination.</summary>
    Medicare,
    MedicareAdvantage,
    Medicaid,
    Commercial,
    Other,
}
