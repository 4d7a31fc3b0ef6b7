namespace DenialPipeline.X12;

/// <summary>A whole 835 file in memory (for small files and the <c>parse</c> command); large files: use the event stream.</summary>
public sealed record RemittanceFile(IReadOnlyList<RemittanceFileTransaction> Transactions, IReadOnlyList<X12Issue> Issues)
{
    public IEnumerable<ClaimPayment> Claims => Transactions.SelectMany(t => t.Claims);

    public IEnumerable<X12Issue> Errors => Issues.Where(i => i.Severity == X12IssueSeverity.Error);

    public IEnumerable<X12Issue> Warnings => Issues.Where(i => i.Severity == X12IssueSeverity.Warning);
}
