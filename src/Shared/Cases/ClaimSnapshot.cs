using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Cases;

/// <summary>The denied claim as the case keeps it (a stable storage shape, independent of the reader's model).</summary>
public sealed record ClaimSnapshot(
    string PatientControlNumber,
    string Status,
    decimal Charge,
    decimal Paid,
    decimal? PatientResponsibility,
    string? FilingIndicator,
    string? PayerClaimControlNumber,
    string? FrequencyCode,
    string? PatientName,
    string? PatientId,
    string? InsuredId,
    string? RenderingProviderId,
    DateOnly? ServiceDateStart,
    DateOnly? ServiceDateEnd,
    IReadOnlyList<AdjustmentSnapshot> Adjustments,
    IReadOnlyList<string> Remarks,
    IReadOnlyList<LineSnapshot> Lines,
    long SegmentIndex)
{
    public static ClaimSnapshot From(ClaimPayment c) => new(
        c.PatientControlNumber, c.Status, c.Charge, c.Paid, c.PatientResponsibility, c.FilingIndicator, c.PayerClaimControlNumber,
        c.FrequencyCode, FullName(c.Patient), c.Patient?.Id, c.Insured?.Id, c.RenderingProvider?.Id,
        c.ServiceDateStart ?? c.Lines.Select(l => l.ServiceDate).Where(d => d is not null).Min(),
        c.ServiceDateEnd ?? c.Lines.Select(l => l.ServiceDateEnd ?? l.ServiceDate).Where(d => d is not null).Max(),
        c.Adjustments.Select(a => AdjustmentSnapshot.From(a, c.Remarks.ToList())).ToList(), c.Remarks,
        c.Lines.Select(l => LineSnapshot.From(c, l)).ToList(), c.Position.SegmentIndex);

    private static string? FullName(PersonName? n) =>
        n is null ? null : string.Join(' ', new[] { n.First, n.Middle, n.Last, n.Suffix }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } s ? s : null;

    public IEnumerable<AdjustmentSnapshot> AllAdjustments => Adjustments.Concat(Lines.SelectMany(l => l.Adjustments));

    /// <summary>The amount in dispute: non-PR adjustments that are not plain contractual (or charge − paid when the claim was denied outright).</summary>
    public decimal DeniedAmount()
    {
        var workable = AllAdjustments.Where(a => a.Group != "PR" && a.Workable).Sum(a => a.Amount);
        return workable > 0 ? workable : Math.Max(0, Charge - Paid - AllAdjustments.Where(a => a.Group == "PR").Sum(a => a.Amount));
    }

    public string Serialize() => JsonSerializer.Serialize(this, MessageJson.Options);

    public static ClaimSnapshot? Deserialize(string json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ClaimSnapshot>(json, MessageJson.Options);
}

public sealed record AdjustmentSnapshot(string Level, string Group, string Reason, decimal Amount, decimal? Quantity, bool Workable)
{
    /// <param name="remarks">The remark codes at the adjustment's place (they decide e.g. CO-237 with N807).</param>
    public static AdjustmentSnapshot From(Adjustment a, IReadOnlyCollection<string> remarks) =>
        new(a.Level == AdjustmentLevel.Claim ? "claim" : "line", a.Group, a.Reason, a.Amount, a.Quantity, DenialRules.IsWorkable(a, remarks));

    public string Code => $"{Group}-{Reason}";
}

public sealed record LineSnapshot(
    string Procedure, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal? Units, DateOnly? ServiceDate,
    string? LineControlNumber, decimal? Allowed, bool Denied, IReadOnlyList<AdjustmentSnapshot> Adjustments, IReadOnlyList<string> Remarks)
{
    public static LineSnapshot From(ClaimPayment c, ServiceLine l) => new(
        l.Procedure, l.Modifiers, l.Charge, l.Paid, l.Units, l.ServiceDate, l.LineControlNumber, l.AllowedAmount, c.IsLineDenied(l),
        l.Adjustments.Select(a => AdjustmentSnapshot.From(a, [.. l.Remarks, .. c.Remarks])).ToList(), l.Remarks);
}

/// <summary>Builds the case row for a denied claim. The id is derived from what identifies this adjudication.</summary>
public static class CaseFactory
{
    public static string CaseIdFor(RemittanceTransaction tx, ClaimPayment claim) => Keys.Hash("c",
        tx.Payer.Id ?? tx.Payer.Name, claim.PatientControlNumber, claim.PayerClaimControlNumber, claim.Status,
        claim.Charge.ToString(CultureInfo.InvariantCulture), claim.Paid.ToString(CultureInfo.InvariantCulture), tx.TraceNumber);

    public static CaseEntity FromClaim(string fileId, RemittanceTransaction tx, ClaimPayment claim)
    {
        var snapshot = ClaimSnapshot.From(claim);
        return new CaseEntity
        {
            CaseId = CaseIdFor(tx, claim),
            FileId = fileId,
            TransactionControlNumber = tx.ControlNumber,
            TraceNumber = tx.TraceNumber,
            RemittanceDate = (tx.PaymentDate ?? tx.ProductionDate)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            PayerId = tx.Payer.Id ?? "",
            PayerName = tx.Payer.Name ?? "",
            PayeeId = tx.Payee.Id,
            PatientControlNumber = claim.PatientControlNumber,
            PayerClaimControlNumber = claim.PayerClaimControlNumber,
            ClaimStatusCode = claim.Status,
            FilingIndicator = claim.FilingIndicator,
            ChargeAmount = (double)claim.Charge,
            PaidAmount = (double)claim.Paid,
            DeniedAmount = (double)snapshot.DeniedAmount(),
            ReasonCodes = string.Join(',', snapshot.AllAdjustments.Select(a => a.Code).Distinct()),
            ClaimJson = snapshot.Serialize(),
            RemittancePayload = new RemittancePayload(tx, claim).ToBytes(),
        };
    }
}
