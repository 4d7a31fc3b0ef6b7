namespace DenialPipeline.Research.Records;

/// <summary>Why a service that the payer bundled was distinct; decides the modifier (59 family).</summary>
public enum DistinctReason
{
    /// <summary>A separate encounter: XE.</summary>
    SeparateEncounter,
    /// <summary>A separate organ or structure: XS.</summary>
    SeparateStructure,
    /// <summary>A different practitioner: XP.</summary>
    SeparatePractitioner,
    /// <summary>An unusual, non-overlapping service: XU.</summary>
    UnusualNonOverlapping,
    /// <summary>Distinct for another documented reason: 59.</summary>
    Other,
}
