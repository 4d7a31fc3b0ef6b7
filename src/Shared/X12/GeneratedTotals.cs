namespace DenialPipeline.X12;

/// <summary>What a generated large file contains, for checking readers against it.</summary>
public sealed record GeneratedTotals(int Transactions, long Claims, long Lines, decimal TotalPaid, long Bytes);
