using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// An outbound claim as the check sees it: the records model's <see cref="SubmittedClaim"/> plus what only the 837
/// carries (claim type, diagnosis pointers, payer responsibility, other payers, billing entity type, referring NPI).
/// <see cref="Source"/> names where it came from (file and segment) for error messages and evidence.
/// </summary>
public sealed record ClaimUnderCheck(SubmittedClaim Claim, ClaimKind837 Kind, string Source)
{
    /// <summary>Per line (same order as <see cref="SubmittedClaim.Lines"/>): SV107 pointers; null when the input cannot say (FHIR without diagnosisSequence).</summary>
    public IReadOnlyList<IReadOnlyList<int>?> DiagnosisPointers { get; init; } = [];
    /// <summary>SBR01: P, S, T … (null: not given, read as primary).</summary>
    public string? PayerResponsibility { get; init; }
    public int OtherPayerCount { get; init; }
    public bool OtherPayerPaidAmountGiven { get; init; }
    /// <summary>"2" when the billing provider is an organization (NM1*85 entity type).</summary>
    public string? BillingEntityType { get; init; }

    public string? MemberId => Claim.Subscriber?.MemberId ?? Claim.Patient.MemberId;

    public bool IsSecondary => PayerResponsibility is { Length: > 0 } r && !string.Equals(r, "P", StringComparison.OrdinalIgnoreCase);

    /// <summary>From an 837 claim the reader accepted; null (with the reason) when it has no id or no date of service.</summary>
    public static ClaimUnderCheck? From(SubmittedClaim837 c, string file, out string? reason)
    {
        if (!SubmittedClaimMapper.TryMap(c, out var claim, out reason) || claim is null) return null;
        claim = claim with { ReferringNpi = c.ReferringProviderNpi };
        return new ClaimUnderCheck(claim, c.Kind, $"{file}, segment {c.Position.SegmentIndex}")
        {
            DiagnosisPointers = c.Lines.Select(l => (IReadOnlyList<int>?)l.DiagnosisPointers).ToList(),
            PayerResponsibility = c.PayerResponsibility,
            OtherPayerCount = c.OtherPayerCount,
            OtherPayerPaidAmountGiven = c.OtherPayerPaidAmountGiven,
            BillingEntityType = c.BillingProviderEntityType,
        };
    }
}
