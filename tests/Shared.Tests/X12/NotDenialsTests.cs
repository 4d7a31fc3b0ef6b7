using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// Adjustments a certified coder does not work as denials (issue 17 §4; ../shared/DOMAIN.md "Not denials"): they must
/// not open cases, so they never count in metrics or the case list.
/// </summary>
public sealed class NotDenialsTests
{
    private static readonly X12Position At = new(1, 0);

    private static ClaimPayment Claim(string status, decimal charge, decimal paid, ServiceLine[] lines, string[]? remarks = null, params Adjustment[] adjustments) =>
        new(PatientControlNumber: "PCN1", Status: status, Charge: charge, Paid: paid, PatientResponsibility: null,
            FilingIndicator: "MB", PayerClaimControlNumber: "ICN1", FacilityType: null, FrequencyCode: "1", DrgCode: null,
            Patient: null, Insured: null, CorrectedInsured: null, RenderingProvider: null,
            ServiceDateStart: null, ServiceDateEnd: null, ReceivedDate: null,
            References: new Dictionary<string, string>(), Amounts: new Dictionary<string, decimal>(),
            Adjustments: adjustments, Remarks: remarks ?? [], Lines: lines, Position: At);

    private static Adjustment Cas(string group, string reason, decimal amount) => new(AdjustmentLevel.Claim, group, reason, amount, null, At);

    private static Adjustment LineCas(string group, string reason, decimal amount) => new(AdjustmentLevel.Line, group, reason, amount, null, At);

    private static ServiceLine Line(decimal charge, decimal paid, string[] remarks, params Adjustment[] adjustments) =>
        new(ProcedureQualifier: "HC", Procedure: "99213", Modifiers: [], Charge: charge, Paid: paid, RevenueCode: null, Units: 1,
            OriginalProcedureQualifier: null, OriginalProcedure: null, OriginalModifiers: [], ServiceDate: null, ServiceDateEnd: null,
            LineControlNumber: null, References: new Dictionary<string, string>(), AllowedAmount: null, Amounts: new Dictionary<string, decimal>(),
            Adjustments: adjustments, Remarks: remarks, Position: At);

    [Fact]
    public void ZeroPaidClaim_WhoseAllowedAmountWentToTheDeductible_IsNotADenial()
    {
        // $150 charged, $40 over the fee schedule (CO-45), the $110 allowed all to the deductible (PR-1): nothing paid, nothing to work.
        var line = Line(150m, 0m, [], LineCas("CO", "45", 40m), LineCas("PR", "1", 110m));
        var claim = Claim("1", 150m, 0m, [line]);
        Assert.False(claim.IsLineDenied(line));
        Assert.False(claim.Denied);
    }

    [Fact]
    public void ZeroPaidSecondary_AdjustedForWhatThePrimaryPaid_IsNotADenial()
    {
        var line = Line(100m, 0m, [], LineCas("OA", "23", 100m));
        Assert.False(Claim("2", 100m, 0m, [line]).Denied);
    }

    [Fact]
    public void Predetermination_IsNotADenial() =>
        Assert.False(Claim("25", 500m, 0m, [Line(500m, 0m, [], LineCas("CO", "50", 500m))]).Denied);

    [Theory]
    [InlineData("CO", "104")] // managed care withholding
    [InlineData("CO", "131")] // claim-specific negotiated discount
    [InlineData("OA", "133")] // pended for review: a later remittance decides
    public void WithholdingDiscountAndPendedLines_AreNotDenials(string group, string reason)
    {
        var line = Line(100m, 80m, [], LineCas(group, reason, 20m));
        var claim = Claim("1", 100m, 80m, [line]);
        Assert.False(claim.IsLineDenied(line));
        Assert.False(claim.Denied);
    }

    [Fact]
    public void PendedClaimPaidNothingYet_IsNotADenial() =>
        Assert.False(Claim("1", 100m, 0m, [Line(100m, 0m, [], LineCas("OA", "133", 100m))]).Denied);

    [Fact]
    public void MipsPenalty_Co237WithN807OnEveryLine_IsNotADenial_ButCo237WithAnotherRemarkIs()
    {
        var mips = Claim("1", 200m, 196m, [Line(100m, 98m, ["N807"], LineCas("CO", "237", 2m)), Line(100m, 98m, ["N807"], LineCas("CO", "237", 2m))]);
        Assert.False(mips.Denied);
        Assert.All(mips.Lines, l => Assert.False(mips.IsLineDenied(l)));

        var other = Claim("1", 100m, 90m, [Line(100m, 90m, ["N699"], LineCas("CO", "237", 10m))]);
        Assert.True(other.Denied);
    }

    [Fact]
    public void CorrectionReversalGroup_IsNotWorkable()
    {
        var line = Line(100m, 0m, [], LineCas("CR", "50", 100m));
        var claim = Claim("1", 100m, 0m, [line]);
        Assert.False(DenialRules.IsWorkable(line.Adjustments[0]));
        Assert.False(claim.IsLineDenied(line));
        Assert.False(claim.Denied);
    }

    [Fact]
    public void ZeroPaidClaim_WithADenialBesideTheDeductible_IsStillADenial()
    {
        var line = Line(150m, 0m, [], LineCas("CO", "45", 40m), LineCas("CO", "50", 110m));
        Assert.True(Claim("1", 150m, 0m, [line]).Denied);
        Assert.True(Claim("1", 150m, 0m, [], null, Cas("CO", "16", 150m)).Denied);
    }
}
