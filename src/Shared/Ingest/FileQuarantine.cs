namespace DenialPipeline.Ingest;

/// <summary>
/// The transactions of a payer's file that named a payer or sender its identity may not use, and what an Admin decided
/// (kept as JSON on the file row, <see cref="RemittanceFileEntity.QuarantineJson"/>). A quarantined transaction opens and
/// closes nothing until it is released; a discarded one never does. Ordinals are 1-based positions of the 835
/// transactions in the file (ST02 control numbers may repeat across interchanges).
/// </summary>
public sealed record FileQuarantine
{
    public QuarantineState State { get; init; } = QuarantineState.Pending;
    public IReadOnlyList<QuarantinedTransaction> Transactions { get; init; } = [];
    public IReadOnlyList<int> Released { get; init; } = [];
    public IReadOnlyList<int> Discarded { get; init; } = [];
    public IReadOnlyList<QuarantineDecision> Decisions { get; init; } = [];

    /// <summary>Transactions still waiting for a decision.</summary>
    public IEnumerable<QuarantinedTransaction> Pending => Transactions.Where(t => !Released.Contains(t.Ordinal) && !Discarded.Contains(t.Ordinal));
}
