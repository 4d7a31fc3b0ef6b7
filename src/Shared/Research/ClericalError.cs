namespace DenialPipeline.Research;

/// <summary>
/// The clerical error a Medicare reopening asks to correct (42 CFR 405.980; Medicare Claims Processing Manual ch. 34): the
/// field, where it sits, the value as processed and the value it should have, and how research derived them from the
/// records (the claim as submitted against the remittance's adjustments and remarks). <see cref="Corrected"/> is null when
/// the records do not say what the value should be: the letter then asks the coder for it, never a guess.
/// </summary>
public sealed record ClericalError(string Field, string Where, string? AsProcessed, string? Corrected, string Source)
{
    /// <summary>
    /// Why there is good cause for a reopening after the first year (42 CFR 405.986): the contractor's error on the face of
    /// the evidence it considered (a)(2), or new and material evidence (a)(1), with the paragraph cited; null for an error
    /// of the claim as billed (a diagnosis left off, a field billed wrong), which has no good cause: after one year it
    /// cannot be reopened. Research keeps it only when the request
    /// falls in the good-cause window (<see cref="Deadlines.MedicareReopening"/>).
    /// </summary>
    public string? GoodCause { get; init; }
}
