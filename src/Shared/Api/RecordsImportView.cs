namespace DenialPipeline.Api;

public sealed record RecordsImportView(string File, string Format, IReadOnlyDictionary<string, int> Stored, int Total, IReadOnlyList<RejectionView> Rejections, int UnmatchedRequeued)
{
    /// <summary>The import's record (Records table, partition <c>imports</c>): when and who, with the role.</summary>
    public string ImportId { get; init; } = "";
    public DateTimeOffset ImportedAt { get; init; }
    public string ImportedBy { get; init; } = "";
    public string? ImportedByRole { get; init; }
}
