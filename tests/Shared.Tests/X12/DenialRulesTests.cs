using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

public sealed class DenialRulesTests
{
    private static readonly X12Position At = new(1, 0);

    private static ClaimPayment Claim(string status, decimal charge, decimal paid, params Adjustment[] adjustments) =>
        WithLines(status, charge, paid, [], adjustments);

    private static ClaimPayment WithLines(string status, decimal charge, decimal paid, ServiceLine[] lines, params Adjustment[] adjustments) =>
        new(PatientControlNumber: "PCN1", Status: status, Charge: charge, Paid: paid, PatientResponsibility: null,
            FilingIndicator: "CI", PayerClaimControlNumber: "ICN1", FacilityType: null, FrequencyCode: "1", DrgCode: null,
            Patient: null, Insured: null, CorrectedInsured: null, RenderingProvider: null,
            ServiceDateStart: null, ServiceDateEnd: null, ReceivedDate: null,
            References: new Dictionary<string, string>(), Amounts: new Dictionary<string, decimal>(),
            Adjustments: adjustments, Remarks: [], Lines: lines, Position: At);

    private static Adjustment Cas(string group, string reason, decimal amount) => new(AdjustmentLevel.Claim, group, reason, amount, null, At);

    private static Adjustment LineCas(string group, string reason, decimal amount) => new(AdjustmentLevel.Line, group, reason, amount, null, At);

    private static ServiceLine Line(string procedure, decimal charge, decimal paid, params Adjustment[] adjustments) =>
        new(ProcedureQualifier: "HC", Procedure: procedure, Modifiers: [], Charge: charge, Paid: paid, RevenueCode: null, Units: 1,
            OriginalProcedureQualifier: null, OriginalProcedure: null, OriginalModifiers: [], ServiceDate: null, ServiceDateEnd: null,
            LineControlNumber: null, References: new Dictionary<string, string>(), AllowedAmount: null, Amounts: new Dictionary<string, decimal>(),
            Adjustments: adjustments, Remarks: [], Position: At);

    // Status 1 (processed as primary), one line paid in full and one line denied outright: the claim needs work because of the line.
    [Fact]
    public void LineDeniedOutright_OnAPaidClaim_MakesTheClaimDenied()
    {
        var paidLine = Line("99213", 100, 100);
        var deniedLine = Line("93000", 50, 0, LineCas("CO", "50", 50));
        var claim = WithLines("1", 150, 100, [paidLine, deniedLine]);
        Assert.False(claim.IsLineDenied(paidLine));
        Assert.True(claim.IsLineDenied(deniedLine));
        Assert.True(claim.Denied);
    }

    // A partial denial: the line is paid, but reduced by a workable adjustment (CO-97 bundling), not only by the fee schedule.
    [Fact]
    public void LineReducedByAWorkableAdjustment_IsAPartialDenial()
    {
        var line = Line("99214", 200, 120, LineCas("CO", "45", 30), LineCas("CO", "97", 50));
        var claim = WithLines("1", 200, 120, [line]);
        Assert.True(claim.IsLineDenied(line));
        Assert.True(claim.Denied);
    }

    [Fact]
    public void LineReducedOnlyByTheFeeSchedule_OrByPatientResponsibility_IsNotADenial()
    {
        var contractual = Line("99214", 200, 150, LineCas("CO", "45", 50));
        var patient = Line("99213", 100, 60, LineCas("PR", "1", 40));
        var claim = WithLines("1", 300, 210, [contractual, patient]);
        Assert.False(claim.IsLineDenied(contractual));
        Assert.False(claim.IsLineDenied(patient));
        Assert.False(claim.Denied);
    }

    // Paid zero with only a contractual (CO-45) adjustment: the "paid zero with non-PR adjustments" rule makes it work.
    [Fact]
    public void PaidZero_WithOnlyAFeeScheduleAdjustment_IsDenied() =>
        Assert.True(Claim("1", 100, 0, Cas("CO", "45", 100)).Denied);

    [Fact]
    public void PaidZero_WithOnlyPatientResponsibility_IsNotADenial() =>
        Assert.False(Claim("1", 100, 0, Cas("PR", "1", 100)).Denied);

    // A reversal written with positive adjustment amounts (payers differ in sign conventions) is still not a denial, nor are its lines.
    [Fact]
    public void Reversal_WithPositiveWorkableAdjustments_IsNotADenial_NorAreItsLines()
    {
        var line = Line("99213", 100, 0, LineCas("CO", "50", 100));
        var claim = WithLines("22", 100, 0, [line], Cas("CO", "50", 10));
        Assert.True(claim.Reversal);
        Assert.True(line.Denied); // the line alone looks denied …
        Assert.False(claim.IsLineDenied(line)); // … but not as a line of a reversal
        Assert.False(claim.Denied);
    }

    [Fact]
    public void ClaimLevelWorkableAdjustment_OnAPaidClaim_IsDenied() =>
        Assert.True(Claim("1", 100, 60, Cas("CO", "16", 40)).Denied);

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
