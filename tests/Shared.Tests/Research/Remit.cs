using DenialPipeline.X12;

namespace DenialPipeline.Tests.Research;

/// <summary>Builds 835 model values for tests (the X12 reader is written elsewhere; these are its output shape).</summary>
internal static class Remit
{
    public static readonly X12Position At = new(1, 0);

    public static RemittanceTransaction Tx(DateOnly? paymentDate, string payerId = "ACME01", string payerName = "Acme Health", DateOnly? productionDate = null) =>
        new(null, null, "0001", "005010X221A1", "I", 0m, "C", "ACH", paymentDate, "TRACE1", null, productionDate,
            new PayerInfo(payerName, payerId, null, []), new PayeeInfo("Clinic", "XX", "1234567893", null, null), At);

    public static Adjustment Cas(string group, string reason, decimal amount, AdjustmentLevel level = AdjustmentLevel.Line) =>
        new(level, group, reason, amount, null, At);

    public static ServiceLine Line(string procedure, decimal charge, decimal paid, DateOnly? date, string? lcn, string[]? modifiers = null,
        Adjustment[]? adjustments = null, string[]? remarks = null, decimal? allowed = null, string? originalProcedure = null) =>
        new("HC", procedure, modifiers ?? [], charge, paid, null, 1m, originalProcedure is null ? null : "HC", originalProcedure, [], date, null, lcn,
            new Dictionary<string, string>(), allowed, new Dictionary<string, decimal>(), adjustments ?? [], remarks ?? [], At);

    public static ClaimPayment Claim(string pcn, string status, decimal charge, decimal paid, ServiceLine[] lines, Adjustment[]? claimAdjustments = null,
        string[]? remarks = null, string filing = "CI", string? icn = "ICN900", DateOnly? start = null, PersonName? patient = null,
        Dictionary<string, string>? references = null) =>
        new(pcn, status, charge, paid, null, filing, icn, "11", "1", null, patient, null, null, null, start, null, null,
            references ?? new Dictionary<string, string>(), new Dictionary<string, decimal>(), claimAdjustments ?? [], remarks ?? [], lines, At);
}
