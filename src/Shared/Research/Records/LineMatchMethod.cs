namespace DenialPipeline.Research.Records;

public enum LineMatchMethod
{
    /// <summary>REF*6R equals the submitted line's control number.</summary>
    LineControlNumber,
    /// <summary>Same procedure, date and modifiers.</summary>
    ProcedureAndDate,
    /// <summary>Same procedure and date; the payer dropped one or more of the submitted modifiers.</summary>
    ProcedureAndDateModifiersDropped,
    /// <summary>The payer changed the code: SVC06 (original procedure) and date equal the submitted line.</summary>
    OriginalProcedureAndDate,
    Unmatched,
}
