namespace DenialPipeline.Cases;

/// <summary>How a payer is keyed wherever claims of one payer are looked up together (the case index, submitted records).</summary>
public static class Payers
{
    /// <summary>The payer's id, or its name when the file gives no id.</summary>
    public static string Key(string? payerId, string? payerName) => string.IsNullOrWhiteSpace(payerId) ? payerName?.Trim() ?? "" : payerId.Trim();
}
