namespace DenialPipeline.X12;

// The typed model of a submitted claim from an X12 837 (005010X222 professional, 005010X223 institutional,
// and their 4010 predecessors 004010X098 / 004010X096): what the 835 remittance is matched back to.

/// <summary>A whole 837 file in memory.</summary>
public sealed record Claim837File(IReadOnlyList<SubmittedClaim837> Claims, IReadOnlyList<X12Issue> Issues);
