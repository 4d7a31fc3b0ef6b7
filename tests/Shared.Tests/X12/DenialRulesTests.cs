using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

public sealed class DenialRulesTests
{
    private static readonly X12Position At = new(1, 0);

    private static ClaimPayment Claim(string status, decimal charge, decimal paid, params Adjustment[] adjustments) =>
        new(PatientControlNumber: "PCN1", Status: status, Charge: charge, Paid: paid, PatientResponsibility: null,
            FilingIndicator: "CI", PayerClaimControlNumber: "ICN1", FacilityType: null, FrequencyCode: "1", DrgCode: null,
            Patient: null, Insured: null, CorrectedInsured: null, RenderingProvider: null,
            ServiceDateStart: null, ServiceDateEnd: null, ReceivedDate: null,
            References: new Dictionary<string, string>(), Amounts: new Dictionary<string, decimal>(),
            Adjustments: adjustments, Remarks: [], Lines: [], Position: At);

    private static Adjustment Cas(string group, string reason, decimal amount) => new(AdjustmentLevel.Claim, group, reason, amount, null, At);

    [Fact]
    public void IsClaimDenied_Status4_IsDenied() => Assert.True(Claim("4", 100, 0, Cas("CO", "197", 100)).Denied);

    [Fact]
    public void IsClaimDenied_Reversal_IsNotADenial() => Assert.False(Claim("22", -100, -80, Cas("CO", "50", -20)).Denied);

    [Fact]
    public void IsClaimDenied_PatientResponsibilityOnly_IsNotADenial() =>
        Assert.False(Claim("1", 100, 70, Cas("PR", "1", 20), Cas("PR", "2", 10)).Denied);

    [Fact]
    public void IsClaimDenied_PaidZeroWithContractualAdjustment_IsDenied() =>
        Assert.True(Claim("1", 100, 0, Cas("CO", "50", 100)).Denied);

    [Fact]
    public void IsClaimDenied_PlainFeeScheduleReduction_IsNotADenial() =>
        Assert.False(Claim("1", 100, 80, Cas("CO", "45", 20)).Denied);
}
