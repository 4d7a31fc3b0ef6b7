using DenialPipeline.Cases;

namespace DenialPipeline.Resolution;

/// <summary>What a coder may close a case as (payer outcomes are set by later remittances, never by hand).</summary>
public enum CoderOutcome { WrittenOff = CaseStatus.WrittenOff, PatientBilled = CaseStatus.PatientBilled, Rebilled = CaseStatus.Rebilled }
