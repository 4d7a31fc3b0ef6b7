using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research.Records;

public sealed class ClaimMatcherTests
{
    private static readonly DateOnly Dos = new(2025, 1, 15);

    private static SubmittedClaim Submitted(string id, string? payerNumber = null, string? original = null, string member = "M1", decimal charge1 = 150m) => new()
    {
        ClaimId = id,
        Patient = new PersonIdentity { LastName = "Doe", FirstName = "Jan", MemberId = member },
        PayerClaimNumber = payerNumber,
        OriginalReference = original,
        ServiceDateStart = Dos,
        Lines =
        [
            new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = ["25"], Charge = charge1, ServiceDate = Dos, LineControlNumber = "L1" },
            new SubmittedLine { Number = 2, Procedure = "97110", Modifiers = ["GP", "59"], Charge = 80m, ServiceDate = Dos, LineControlNumber = "L2" },
        ],
    };

    private static ClaimPayment Remittance(string pcn, string? icn = "ICN900", Dictionary<string, string>? refs = null, string? lcn1 = null, string? lcn2 = null, decimal charge = 230m) =>
        Claim(pcn, "4", charge, 0m,
            [Line("99213", 150m, 0m, Dos, lcn1, ["25"]), Line("97110", 80m, 0m, Dos, lcn2, ["GP"])],
            icn: icn, references: refs, patient: new PersonName("1", "Doe", "Jan", null, null, "MI", "M1"));

    [Fact]
    public void Match_ByPatientControlNumber_TiesLinesByLineControlNumber()
    {
        var result = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("PCN1", lcn1: "L1", lcn2: "L2"), [Submitted("OTHER"), Submitted("PCN1")]));
        Assert.Equal("PCN1", result.Claim.ClaimId);
        Assert.Equal(ClaimMatchMethod.PatientControlNumber, result.Method);
        Assert.All(result.Lines, l => Assert.Equal(LineMatchMethod.LineControlNumber, l.Method));
    }

    [Fact]
    public void Match_WithoutLineControlNumbers_TiesByProcedureAndDate_ToleratingDroppedModifier()
    {
        var result = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("PCN1"), [Submitted("PCN1")]));
        Assert.Equal(LineMatchMethod.ProcedureAndDate, result.Lines[0].Method);
        Assert.Equal(LineMatchMethod.ProcedureAndDateModifiersDropped, result.Lines[1].Method);
        Assert.Contains("59", result.Lines[1].Explanation, StringComparison.Ordinal);
        Assert.Equal(2, result.Lines[1].Submitted!.Number);
    }

    [Fact]
    public void MatchLines_PayerChangedCode_TiesByOriginalProcedure()
    {
        var remit = Claim("PCN1", "1", 150m, 50m, [Line("99212", 150m, 50m, Dos, null, ["25"], originalProcedure: "99213")]);
        var line = Assert.Single(ClaimMatcher.MatchLines(remit, Submitted("PCN1")));
        Assert.Equal(LineMatchMethod.OriginalProcedureAndDate, line.Method);
        Assert.Equal("99213", line.Submitted!.Procedure);
    }

    [Fact]
    public void Match_ByPayerClaimNumber_WhenPatientControlNumberIsUnknown()
    {
        var result = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("TYPO", icn: "ICN777"), [Submitted("PCN1", payerNumber: "ICN777")]));
        Assert.Equal(ClaimMatchMethod.PayerClaimNumber, result.Method);
    }

    [Fact]
    public void Match_ByOriginalReference()
    {
        var refs = new Dictionary<string, string> { ["F8"] = "ICN555" };
        var result = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("TYPO", icn: "ICNNEW", refs: refs), [Submitted("PCN7", original: "ICN555")]));
        Assert.Equal(ClaimMatchMethod.OriginalReference, result.Method);
    }

    [Fact]
    public void Match_ByPatientDatesAndCharge_WhenUnique()
    {
        var result = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("TYPO", icn: null), [Submitted("PCN1"), Submitted("PCN2", member: "M2")]));
        Assert.Equal("PCN1", result.Claim.ClaimId);
        Assert.Equal(ClaimMatchMethod.PatientDatesAndCharge, result.Method);
    }

    [Fact]
    public void Match_TwoCandidatesWithSamePatientDatesAndCharge_IsUnmatchedNotGuessed()
    {
        var result = Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("TYPO", icn: null), [Submitted("PCN1"), Submitted("PCN2")]));
        Assert.Contains("not guessing", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_NothingFits_IsUnmatchedWithReason()
    {
        var result = Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("TYPO", icn: null, charge: 999m), [Submitted("PCN1")]));
        Assert.Contains("match no submitted claim", result.Reason, StringComparison.Ordinal);
        Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("X"), []));
    }

    [Fact]
    public void MatchLines_ProcedureNotSubmitted_IsUnmatchedLine()
    {
        var remit = Claim("PCN1", "4", 40m, 0m, [Line("36415", 40m, 0m, Dos, null)]);
        var line = Assert.Single(ClaimMatcher.MatchLines(remit, Submitted("PCN1")));
        Assert.Equal(LineMatchMethod.Unmatched, line.Method);
        Assert.Null(line.Submitted);
    }

    [Fact]
    public void Match_SamePatientAndChargeOnAnotherDateOfService_IsUnmatched()
    {
        // Step 4 needs patient + first date of service + charge: the same patient billed the same amount on another day
        // is a different claim, not a match.
        var otherDay = Submitted("PCN1") with { ServiceDateStart = Dos.AddDays(7) };
        var result = Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("TYPO", icn: null), [otherDay]));
        Assert.Contains("2025-01-15", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchLines_SameProcedureOnAnotherDate_IsNotTied()
    {
        // Line matching without REF*6R is procedure + date: a submitted 99213 of another day is not this line.
        var submitted = Submitted("PCN1") with
        {
            Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = ["25"], Charge = 150m, ServiceDate = Dos.AddDays(1) }],
        };
        var remit = Claim("PCN1", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, null, ["25"])]);
        var line = Assert.Single(ClaimMatcher.MatchLines(remit, submitted));
        Assert.Equal(LineMatchMethod.Unmatched, line.Method);
        Assert.Null(line.Submitted);
    }

    /// <summary>
    /// Issue 18: a payer's remittance ties only to claims submitted to that payer — the same patient control number on a
    /// claim sent to another payer is not a match (its records never reach this payer's letters).
    /// </summary>
    [Fact]
    public void Match_OnlyWithinTheRemittancesPayer()
    {
        var ours = Submitted("PCN1") with { PayerId = "87726" };
        var theirs = Submitted("PCN1") with { PayerId = "15202" };
        var unnamed = Submitted("PCN1");
        Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("PCN1"), [theirs], payerId: "87726"));
        Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("PCN1"), [unnamed], payerId: "87726"));
        var matched = Assert.IsType<ClaimMatched>(ClaimMatcher.Match(Remittance("PCN1"), [theirs, ours], payerId: "87726"));
        Assert.Equal("87726", matched.Claim.PayerId);
        // By payer claim number too: another payer's claim with the same ICN is not a candidate.
        Assert.IsType<ClaimUnmatched>(ClaimMatcher.Match(Remittance("TYPO", icn: "ICN777"), [Submitted("PCNX", payerNumber: "ICN777") with { PayerId = "15202" }], payerId: "87726"));
    }
}
