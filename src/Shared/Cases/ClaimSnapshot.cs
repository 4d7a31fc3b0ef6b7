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
