namespace DenialPipeline.Research.Records;

/// <summary>Proof that a claim was submitted and accepted on a date (999 / 277CA acceptance or a clearinghouse report).</summary>
public sealed record SubmissionProof
{
    public const string Kind = "SubmissionProof";

    public required string ClaimId { get; init; }
    public required DateOnly AcceptedDate { get; init; }
    public ProofSource Source { get; init; } = ProofSource.Csv;
    /// <summary>The acknowledgement's control or trace number, to cite in an appeal.</summary>
    public string? Reference { get; init; }
    public string? PayerId { get; init; }
    /// <summary>The payer's claim control number when the acknowledgment gave one (277CA REF*1K).</summary>
    public string? PayerClaimNumber { get; init; }
    /// <summary>Who accepted the claim: the payer, or a clearinghouse for forwarding (see <see cref="TimelyFilingProofs"/>).</summary>
    public ProofIssuer Issuer { get; init; } = ProofIssuer.Unknown;
    public string Key => RecordKeys.Of(ClaimId, Source.ToString(), AcceptedDate.ToString("yyyy-MM-dd"));
}
