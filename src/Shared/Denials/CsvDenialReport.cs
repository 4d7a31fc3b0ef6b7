using DenialPipeline.X12;

namespace DenialPipeline.Denials;

/// <summary>The claims a CSV denial report describes, plus its row-numbered issues.</summary>
public sealed record CsvDenialReport(IReadOnlyList<ClaimPayment> Claims, IReadOnlyList<CsvIssue> Issues)
{
    /// <summary>The synthetic transactions the claims belong to (one per payer and remittance date), each with its claims.</summary>
    public IReadOnlyList<RemittanceFileTransaction> Transactions { get; init; } = [];
}
