using System.Text.Json;
using System.Text.Json.Serialization;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>The documented JSON shape of <c>parse --json</c> (a CSV report: the same, plus its mapping and each issue's row and column).</summary>
public static class ParseJson
{
    public sealed record Document(IReadOnlyList<Transaction> Transactions, IReadOnlyList<Issue> Warnings, IReadOnlyList<Issue> Errors,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CsvMapping = null);
    public sealed record Party(string? Id, string? Name);
    public sealed record Transaction(string ControlNumber, Party Payer, Party Payee, decimal PaymentAmount, string? TraceNumber, DateOnly? PaymentDate,
        IReadOnlyList<Claim> Claims, IReadOnlyList<ProviderAdjustmentJson> ProviderAdjustments);
    public sealed record Claim(string PatientControlNumber, string Status, decimal Charge, decimal Paid, decimal? PatientResponsibility,
        string? PayerClaimControlNumber, bool Denied, bool Reversal, IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks, IReadOnlyList<Line> Lines);
    public sealed record AdjustmentJson(string Level, string Group, string Reason, decimal Amount, decimal? Quantity);
    public sealed record Line(string Procedure, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal? Units, bool Denied,
        IReadOnlyList<AdjustmentJson> Adjustments, IReadOnlyList<string> Remarks);
    public sealed record ProviderAdjustmentJson(string? ProviderId, string ReasonCode, string? Reference, decimal Amount);
    /// <summary>
    /// A warning or error: where (segment number and byte offset; for a CSV report also its row and column), what (code,
    /// message), and in which transaction and claim.
    /// </summary>
    public sealed record Issue(long SegmentIndex, long ByteOffset, string Code, string Message, string? Transaction, string? Claim,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Row = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Column = null);

    private static readonly JsonSerializerOptions Indented = new(MessageJson.Options) { WriteIndented = true };

    /// <summary>
    /// The document built whole in memory, indented (<c>parse --json --pretty</c> prints the same bytes, streamed by
    /// <see cref="ParseJsonWriter"/>); <paramref name="pretty"/> false gives the compact form <c>parse --json</c> prints.
    /// </summary>
    public static string Serialize(RemittanceFile file, string? csvMapping = null, bool pretty = true) =>
        JsonSerializer.Serialize(From(file, csvMapping), pretty ? Indented : MessageJson.Options);

    public static Document From(RemittanceFile file, string? csvMapping = null) => new(
        file.Transactions.Select(t => new Transaction(
            t.Transaction.ControlNumber,
            new Party(t.Transaction.Payer.Id, t.Transaction.Payer.Name),
            new Party(t.Transaction.Payee.Id, t.Transaction.Payee.Name),
            t.Transaction.PaymentAmount, t.Transaction.TraceNumber, t.Transaction.PaymentDate,
            t.Claims.Select(c => new Claim(c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility, c.PayerClaimControlNumber,
                c.Denied, c.Reversal, c.Adjustments.Select(Adj).ToList(), c.Remarks,
                c.Lines.Select(l => new Line(l.Procedure, l.Modifiers, l.Charge, l.Paid, l.Units, c.IsLineDenied(l), l.Adjustments.Select(Adj).ToList(), l.Remarks)).ToList())).ToList(),
            t.ProviderAdjustments.Select(p => new ProviderAdjustmentJson(p.ProviderId, p.ReasonCode, p.Reference, p.Amount)).ToList())).ToList(),
        file.Warnings.Select(Iss).ToList(),
        file.Errors.Select(Iss).ToList(),
        csvMapping);

    private static AdjustmentJson Adj(Adjustment a) => new(a.Level == AdjustmentLevel.Claim ? "claim" : "line", a.Group, a.Reason, a.Amount, a.Quantity);
    private static Issue Iss(X12Issue i) => new(i.Position.SegmentIndex, i.Position.ByteOffset, i.Code, i.Message, i.TransactionControlNumber, i.PatientControlNumber, i.Row, i.Column);
}
