using DenialPipeline.ClaimCheck;
using DenialPipeline.ClaimCheck.Rules;
using DenialPipeline.Research.Records;
using static DenialPipeline.Tests.ClaimCheck.Claims;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>Each rule on a claim that breaks it (a finding with evidence) and on the same claim made right (none).</summary>
public sealed class RuleScenarioTests
{
    private static Finding Single(IClaimRule rule, ClaimUnderCheck claim, ClaimCheckContext context) => Assert.Single(Run(rule, claim, context));

    [Fact]
    public void CleanClaim_NoRuleFinds_Anything()
    {
        var checker = new ClaimChecker(ClaimCheckServiceCollectionExtensions.CreateRules(), Book);
        var result = checker.Check(Claim(Medicare), Context(Medicare));
        Assert.Equal("ready", result.Status);
        Assert.Empty(result.Findings);
        Assert.Equal(0, result.Risk);
    }

    [Fact]
    public void RequiredElements_OrganizationWithoutRendering_FixFirst_ForMedicare_NotForCommercialKind()
    {
        var claim = Claim(Medicare).With(c => c with { RenderingNpi = null });
        var f = Single(new RequiredElementsRule(), claim, Context(Medicare));
        Assert.Equal(FindingSeverity.FixFirst, f.Severity);
        Assert.Contains("no rendering provider (NM1*82)", f.Evidence, StringComparison.Ordinal);
        var commercial = new PayerProfile { PayerId = "C1", Name = "OTHER PLAN" };
        Assert.Empty(Run(new RequiredElementsRule(), claim.With(c => c with { PayerId = "C1" }), Context(commercial)));
        Assert.Empty(Run(new RequiredElementsRule(), Claim(Medicare), Context(Medicare)));
    }

    [Fact]
    public void RequiredElements_TherapyWithoutDisciplineModifier_FixFirst()
    {
        var f = Single(new RequiredElementsRule(), Claim(Medicare, Line("97110")), Context(Medicare));
        Assert.Contains("GP/GO/GN on 97110", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("Pub 100-04", f.Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(new RequiredElementsRule(), Claim(Medicare, Line("97110", "GP")), Context(Medicare)));
    }

    [Fact]
    public void RequiredElements_PointersPlaceUnitsFrequencyReferringNpi()
    {
        var rule = new RequiredElementsRule();
        Assert.Contains("no diagnosis pointer", Single(rule, Claim(Acme) with { DiagnosisPointers = [[]] }, Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Contains("points to diagnosis 3", Single(rule, Claim(Acme) with { DiagnosisPointers = [[3]] }, Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Contains("No place of service", Single(rule, Claim(Acme, Line("99213") with { PlaceOfService = null }).With(c => c with { PlaceOfService = null }), Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Contains("0 units", Single(rule, Claim(Acme, Line("99213") with { Units = 0 }), Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Contains("without REF*F8", Single(rule, Claim(Acme).With(c => c with { FrequencyCode = "7" }), Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme).With(c => c with { FrequencyCode = "7", OriginalReference = "ICN1" }), Context(Acme)));
        Assert.Contains("referring/ordering provider", Single(rule, Claim(Medicare, Line("71046")), Context(Medicare)).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Medicare, Line("71046")).With(c => c with { ReferringNpi = "1922334457" }), Context(Medicare)));
        Assert.Contains("check digit", Single(rule, Claim(Acme).With(c => c with { RenderingNpi = "1922334458" }), Context(Acme)).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void LiabilityModifier_AbnOnFileWithoutGA_GAWithoutAbn_OnMedicareWithALog()
    {
        var rule = new LiabilityModifierRule();
        var abn = new AdvanceNotice { Id = "ABN-3", MemberId = Member, ProcedureCodes = ["99213"], SignedDate = Dos.AddDays(-2), Option = 1 };
        ClaimCheckContext Kept(PayerProfile payer, params AdvanceNotice[] notices) => Context(payer, x => x with { AdvanceNotices = notices, AdvanceNoticesKept = true });

        var missingGa = Single(rule, Claim(Medicare, Line("99213")), Kept(Medicare, abn));
        Assert.Equal((FindingSeverity.FixFirst, 1), (missingGa.Severity, missingGa.Line));
        Assert.Contains("ABN ABN-3", missingGa.Evidence, StringComparison.Ordinal);
        Assert.Equal("Append GA to line 1.", missingGa.Fix);
        Assert.Equal("Append GA to line 1 in place of GZ.", Single(rule, Claim(Medicare, Line("99213", "GZ")), Kept(Medicare, abn)).Fix);
        Assert.Empty(Run(rule, Claim(Medicare, Line("99213", "GA")), Kept(Medicare, abn)));

        var unsupported = Single(rule, Claim(Medicare, Line("99213", "GA")), Kept(Medicare, abn with { SignedDate = Dos.AddDays(1) }));
        Assert.Contains("an ABN must be given before the service", unsupported.Evidence, StringComparison.Ordinal);
        Assert.Contains("no ABN on file lists 99213", Single(rule, Claim(Medicare, Line("99213", "GA")), Kept(Medicare)).Evidence, StringComparison.Ordinal);

        // No log imported, or not Original Medicare: the rule says nothing.
        Assert.Empty(Run(rule, Claim(Medicare, Line("99213", "GA")), Context(Medicare)));
        Assert.Empty(Run(rule, Claim(Acme, Line("99213")), Kept(Acme, abn with { PayerId = null })));
    }

    [Fact]
    public void Authorization_OnTheList_NoneOnFile_FixFirst_CoveringOnFile_None()
    {
        var rule = new AuthorizationRule();
        var claim = Claim(Acme, Line("70553"));
        var f = Single(rule, claim, Context(Acme));
        Assert.Equal(FindingSeverity.FixFirst, f.Severity);
        Assert.Contains("requires prior authorization for 70553", f.Evidence, StringComparison.Ordinal);
        var auth = new Authorization { Number = "A1", MemberId = Member, PayerId = "87726", ProcedureCodes = ["70553"], PeriodStart = Dos.AddDays(-5), PeriodEnd = Dos.AddDays(30), UnitsAuthorized = 1 };
        Assert.Empty(Run(rule, claim.With(c => c with { PriorAuthorizationNumber = "A1" }), Context(Acme, x => x with { Authorizations = [auth] })));
        Assert.Empty(Run(rule, Claim(Acme, Line("99213")), Context(Acme)));
        Assert.Empty(Run(rule, Claim(Medicare, Line("70553")), Context(Medicare)));
    }

    [Fact]
    public void Authorization_WrongDates_TooManyUnits_NumberNotOnFile()
    {
        var rule = new AuthorizationRule();
        var expired = new Authorization { Number = "A1", MemberId = Member, PayerId = "87726", ProcedureCodes = ["70553"], PeriodStart = Dos.AddDays(-60), PeriodEnd = Dos.AddDays(-1) };
        var claim = Claim(Acme, Line("70553")).With(c => c with { PriorAuthorizationNumber = "A1" });
        Assert.Contains("does not cover this service", Single(rule, claim, Context(Acme, x => x with { Authorizations = [expired] })).Evidence, StringComparison.Ordinal);
        var oneUnit = expired with { PeriodEnd = Dos.AddDays(10), UnitsAuthorized = 1 };
        Assert.Contains("allows 1 units and the claim bills 2", Single(rule, Claim(Acme, Line("70553") with { Units = 2 }).With(c => c with { PriorAuthorizationNumber = "A1" }),
            Context(Acme, x => x with { Authorizations = [oneUnit] })).Evidence, StringComparison.Ordinal);
        var warn = Single(rule, claim.With(c => c with { PriorAuthorizationNumber = "ZZ9" }), Context(Acme));
        Assert.Equal(FindingSeverity.Warn, warn.Severity);
        Assert.Contains("ZZ9, which is not on file", warn.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_NoActiveCoverageWithPayer_SecondaryWithoutPrimary_MedicareAdvantageActive()
    {
        var rule = new EligibilityRule();
        var ended = new Coverage { MemberId = Member, PayerId = "87726", PayerName = "ACME HEALTH PLAN", PeriodStart = new(2025, 1, 1), PeriodEnd = new(2026, 9, 30) };
        Assert.Contains("No coverage with ACME HEALTH PLAN active on 2026-10-01", Single(rule, Claim(Acme), Context(Acme, x => x with { Coverages = [ended] })).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme), Context(Acme, x => x with { Coverages = [ended with { PeriodEnd = null }] })));
        Assert.Empty(Run(rule, Claim(Acme), Context(Acme))); // no coverage on file: unknown, not "not covered"

        Assert.Contains("as secondary (SBR01 S)", Single(rule, Claim(Acme) with { PayerResponsibility = "S" }, Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme) with { PayerResponsibility = "S", OtherPayerCount = 1, OtherPayerPaidAmountGiven = true }, Context(Acme)));

        var secondary = ended with { PeriodEnd = null, Order = CoverageOrder.Secondary };
        var primary = new Coverage { MemberId = Member, PayerId = "BCBS", PayerName = "BLUE PLAN", Order = CoverageOrder.Primary };
        Assert.Contains("(BLUE PLAN is primary)", Single(rule, Claim(Acme), Context(Acme, x => x with { Coverages = [secondary, primary] })).Evidence, StringComparison.Ordinal);

        var medicare = new Coverage { MemberId = Member, PayerId = "15202", PayerName = "MEDICARE PART B" };
        var ma = new Coverage { MemberId = Member, PayerId = "MA001", PayerName = "SUNRISE MEDICARE ADVANTAGE", PeriodStart = new(2026, 1, 1) };
        Assert.Contains("Medicare Advantage plan (SUNRISE MEDICARE ADVANTAGE) is active", Single(rule, Claim(Medicare), Context(Medicare, x => x with { Coverages = [medicare, ma] })).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Medicare), Context(Medicare, x => x with { Coverages = [medicare, ma with { PeriodStart = new(2026, 11, 1) }] })));
        Assert.Contains("Original Medicare", Single(rule, Claim(MaPlan), Context(MaPlan, x => x with { Coverages = [medicare] })).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelyFiling_Passed_FixFirst_Near_Warn_MedicareCalendarYear_InstitutionalThroughDate()
    {
        var rule = new TimelyFilingRule();
        var old = Claim(Acme, Line("99213") with { ServiceDate = new(2026, 7, 1) });
        var passed = Single(rule, old, Context(Acme));
        Assert.Equal(FindingSeverity.FixFirst, passed.Severity);
        Assert.Contains("passed on 2026-09-29", passed.Evidence, StringComparison.Ordinal);
        var near = Single(rule, Claim(Acme, Line("99213") with { ServiceDate = new(2026, 7, 25) }), Context(Acme));
        Assert.Equal(FindingSeverity.Warn, near.Severity);
        Assert.Contains("8 days left", near.Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme), Context(Acme)));

        var medicare = Claim(Medicare, Line("99213") with { ServiceDate = new(2025, 10, 20) });
        Assert.Contains("limit 2026-10-20", Single(rule, medicare, Context(Medicare)).Evidence, StringComparison.Ordinal);
        Assert.Contains("42 CFR 424.44", Single(rule, medicare, Context(Medicare)).Evidence, StringComparison.Ordinal);
        var institutional = Claim(Medicare, Line("0450") with { ServiceDate = new(2025, 10, 1) }) with { Kind = DenialPipeline.X12.ClaimKind837.Institutional };
        institutional = institutional.With(c => c with { ServiceDateStart = new(2025, 10, 1), ServiceDateEnd = new(2025, 11, 30) });
        Assert.Empty(Run(rule, institutional, Context(Medicare))); // counted from the through date: a year after 2025-11-30
    }

    [Fact]
    public void Duplicate_PaidOtherClaimInBatch_RepeatModifierAndReplacementExempt()
    {
        var rule = new DuplicateRule();
        var paid = new PaidService { ClaimId = "OLD-9", PayerId = "87726", MemberId = Member, Procedure = "99213", ServiceDate = Dos, Paid = 80, PaidDate = new(2026, 10, 10) };
        Assert.Contains("already paid 99213 on 2026-10-01 for this patient on claim OLD-9", Single(rule, Claim(Acme), Context(Acme, x => x with { PaidServices = [paid] })).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme), Context(Acme, x => x with { PaidServices = [paid with { Reversed = true }] })));
        Assert.Empty(Run(rule, Claim(Acme, Line("99213", "25")), Context(Acme, x => x with { PaidServices = [paid] })));

        var other = Claim(Acme).Claim with { ClaimId = "CLM-0", SubmissionDate = new(2026, 10, 3) };
        Assert.Contains("Claim CLM-0 (sent 2026-10-03) already bills 99213", Single(rule, Claim(Acme), Context(Acme, x => x with { OtherClaims = [other] })).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Acme), Context(Acme, x => x with { OtherClaims = [other with { FrequencyCode = "8" }] })));
        Assert.Empty(Run(rule, Claim(Acme).With(c => c with { FrequencyCode = "7", OriginalReference = "X" }), Context(Acme, x => x with { OtherClaims = [other] })));
        Assert.Empty(Run(rule, Claim(Acme, Line("99213", "76")), Context(Acme, x => x with { OtherClaims = [other] })));

        Assert.Contains("earlier in this batch", Single(rule, Claim(Acme), Context(Acme, x => x with { EarlierInBatch = [new BatchService("CLM-0", Dos, "99213", "")] })).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void NcciPtp_Indicator1WithoutModifier_FixFirst_WithModifier_None_Indicator0_AlwaysFixFirst_Indicator9_None()
    {
        var rule = new NcciPtpRule();
        var f = Single(rule, Claim(Medicare, Line("99214"), Line("20610")), Context(Medicare));
        Assert.Contains("NCCI PTP edit 20610 (column 1, line 2) / 99214 (column 2, line 1)", f.Evidence, StringComparison.Ordinal);
        Assert.Contains("modifier indicator 1", f.Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Medicare, Line("99214", "25"), Line("20610")), Context(Medicare)));
        Assert.Empty(Run(rule, Claim(Medicare, Line("99214"), Line("20610") with { ServiceDate = Dos.AddDays(1) }), Context(Medicare)));
        Assert.Contains("modifier indicator 0", Single(rule, Claim(Medicare, Line("93000"), Line("93010", "59")), Context(Medicare)).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Medicare, Line("29881"), Line("29880")), Context(Medicare)));
    }

    [Fact]
    public void NcciMue_PolicyPerDay_FixFirst_Clinical_Warn_LineEdit_PerLine()
    {
        var rule = new NcciMueRule();
        var policy = Single(rule, Claim(Medicare, Line("20610") with { Units = 2 }, Line("20610", "59") with { Units = 1 }), Context(Medicare));
        Assert.Equal(FindingSeverity.FixFirst, policy.Severity);
        Assert.Contains("3 units of 20610 on 2026-10-01: above the MUE 2", policy.Evidence, StringComparison.Ordinal);
        var clinical = Single(rule, Claim(Medicare, Line("97110", "GP") with { Units = 8 }), Context(Medicare));
        Assert.Equal(FindingSeverity.Warn, clinical.Severity);
        Assert.Contains("Line 1 bills 2 units of 70553", Single(rule, Claim(Acme, Line("70553") with { Units = 2 }), Context(Acme)).Evidence, StringComparison.Ordinal);
        Assert.Empty(Run(rule, Claim(Medicare, Line("97110", "GP") with { Units = 6 }), Context(Medicare)));
    }

    [Fact]
    public void Checker_RiskCombinesParts_StatusIsTheWorstFinding()
    {
        var checker = new ClaimChecker(ClaimCheckServiceCollectionExtensions.CreateRules(), Book);
        var claim = Claim(Medicare, Line("99214"), Line("20610")).With(c => c with { RenderingNpi = null });
        var r = checker.Check(claim, Context(Medicare));
        Assert.Equal("fix-first", r.Status);
        Assert.Equal(["required-elements", "ncci-ptp"], r.RiskParts.Select(p => p.Name));
        Assert.Equal(Math.Round(1 - (1 - 0.9) * (1 - 0.85), 3), r.Risk);
    }
}
