namespace DenialPipeline.X12;

/// <summary>How <see cref="Remittance835Writer"/> lays out a file.</summary>
public sealed record X12WriteOptions
{
    public X12Separators Separators { get; init; } = X12Separators.Default;

    /// <summary>Written after each segment terminator ("" puts everything on one line).</summary>
    public string LineBreak { get; init; } = "\n";

    /// <summary>False writes bare ST…SE transactions with no ISA/GS envelope.</summary>
    public bool Envelope { get; init; } = true;

    /// <summary>
    /// Inpatient claims (those with a DRG, CLP11) carry their first five remark codes in MIA (MIA05, MIA20–MIA23) and
    /// the rest in MOA. The model keeps one remark list for both (the reader reads MIA before MOA), so this is a layout
    /// choice; off, every remark goes in MOA, which is what the benchmark files were recorded with.
    /// </summary>
    public bool InpatientRemarksInMia { get; init; }

    public string SenderId { get; init; } = "SENDER";
    public string ReceiverId { get; init; } = "RECEIVER";
    public DateTime Timestamp { get; init; } = new(2026, 1, 2, 3, 4, 0, DateTimeKind.Utc);
}
