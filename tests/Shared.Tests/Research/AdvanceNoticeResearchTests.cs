using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// Original Medicare's Advance Beneficiary Notice against medical-necessity denials (Medicare Claims Processing Manual
/// ch. 30 §50; GA added on redetermination, not reopening). Date of service 2025-01-15, remittance 2025-03-10.
/// </summary>
public sealed class AdvanceNoticeResearchTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DateOnly RedeterminationDue = new(2025, 7, 13); // 2025-03-10 + 5 + 120 (42 CFR 405.942)
    private static readonly PayerProfile Medicare = new() { PayerId = "MCARE", Name = "Medicare Part B", PayerKind = PayerKind.Medicare };

    private static readonly AdvanceNotice Signed = new()
    {
        Id = "ABN-17", MemberId = "M1", ProcedureCodes = ["99213", "80061"], SignedDate = Dos.AddDays(-7), Option = 1,
    };

    private static readonly EncounterRecord Documented = new()
    {
        Id = "ENC1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note 2025-01-15"], DiagnosisCodes = ["M54.50"],
    };

    private static SubmittedClaim Submitted(string[] modifiers) => new()
    {
        ClaimId = "PCN100",
        Patient = new PersonIdentity { LastName = "Doe", FirstName = "Jan", MemberId = "M1" },
        PayerId = "MCARE",
        BillingNpi = "1234567893",
        DiagnosisCodes = ["M54.50"],
        ServiceDateStart = Dos,
        Lines =
        [
            new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = modifiers, Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" },
            new SubmittedLine { Number = 2, Procedure = "97110", Modifiers = ["GP"], Charge = 80m, ServiceDate = Dos, LineControlNumber = "L2" },
        ],
    };

    private static ClaimPayment Denied(string group, string[] modifiers) =>
        Claim("PCN100", "4", 230m, 80m,
            [
                Line("99213", 150m, 0m, Dos, "L1", modifiers, [Cas(group, "50", 150m)]),
                Line("97110", 80m, 80m, Dos, "L2", ["GP"]),
            ], filing: "MB");

    private static RecordsSnapshot Records(string[] modifiers, AdvanceNotice[]? notices, PayerProfile? payer = null, bool documented = false) => new()
    {
        Claim = Submitted(modifiers),
        Payer = payer ?? Medicare,
        AdvanceNotices = notices ?? [],
        AdvanceNoticesChecked = notices is not null,
        Encounters = documented ? [Documented] : [],
    };

    private static ResearchResult Decide(ClaimPayment claim, RecordsSnapshot records) =>
        new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero))).Decide(claim, Tx(Paid), records);

    private static Evidence Notice(ResearchResult r) => Assert.Single(r.Evidence, e => e.Check == "Advance Beneficiary Notice");

    [Fact]
    public void CO50_WithoutGA_AValidAbnOnFile_AsksForARedeterminationAddingGA_WithTheAbnEnclosed()
    {
        var result = Decide(Denied("CO", []), Records([], [Signed], documented: true));

        Assert.Equal((DenialCategory.MedicalNecessity, ResolutionAction.Appeal), (result.Category, result.Action));
        Assert.Equal(RedeterminationDue, result.Deadline?.Date);
        Assert.Contains("add modifier GA to line 1 (99213)", result.Summary, StringComparison.Ordinal);
        var notice = Notice(result);
        Assert.True(notice.Found);
        Assert.Contains("not by reopening", notice.Conclusion, StringComparison.Ordinal);
        Assert.Equal("Signed Advance Beneficiary Notice (form CMS-R-131) of 2025-01-08 listing 99213", result.Enclosures[0]);
        Assert.Contains("Progress note 2025-01-15", result.Enclosures);
    }

    [Fact]
    public void CO50_BilledWithGZ_ButAValidAbnOnFile_AsksToReplaceGZWithGA()
    {
        var result = Decide(Denied("CO", ["GZ"]), Records(["GZ"], [Signed]));

        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Contains("replace modifier GZ with GA", result.Summary, StringComparison.Ordinal);
        Assert.Contains("with GZ (no ABN)", Notice(result).Conclusion, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signed after", "an ABN must be given before the service")]
    [InlineData("option 2", "chose option 2 (do not bill Medicare)")]
    [InlineData("option 3", "chose option 3")]
    [InlineData("period ended", "covers services through 2025-01-10")]
    [InlineData("older than a year", "more than a year before the service")]
    [InlineData("another service", "No ABN on file lists 99213")]
    public void CO50_WithAnAbnThatDoesNotCoverTheService_StaysTheProvidersAndSaysWhy(string problem, string why)
    {
        var abn = problem switch
        {
            "signed after" => Signed with { SignedDate = Dos.AddDays(1) },
            "option 2" => Signed with { Option = 2 },
            "option 3" => Signed with { Option = 3 },
            "period ended" => Signed with { SignedDate = Dos.AddDays(-60), CoversThrough = Dos.AddDays(-5) },
            "older than a year" => Signed with { SignedDate = Dos.AddYears(-1).AddDays(-1) },
            _ => Signed with { ProcedureCodes = ["80061"] },
        };
        var result = Decide(Denied("CO", []), Records([], [abn], documented: true));

        Assert.Equal(ResolutionAction.Appeal, result.Action); // the medical-necessity appeal on the documentation, as without an ABN
        Assert.DoesNotContain("GA", result.Summary, StringComparison.Ordinal);
        var notice = Notice(result);
        Assert.False(notice.Found);
        Assert.Contains(why, notice.Conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtendedCourseAbn_CoversAServiceWithinItsPeriod_EvenMoreThanAYearAfterSigning()
    {
        var abn = Signed with { SignedDate = Dos.AddYears(-1).AddDays(-30), CoversThrough = Dos.AddDays(30) };
        Assert.Equal(ResolutionAction.Appeal, Decide(Denied("CO", []), Records([], [abn])).Action);
        Assert.True(Notice(Decide(Denied("CO", []), Records([], [abn]))).Found);
    }

    [Fact]
    public void MedicareAdvantage_UsesNoAbn()
    {
        var advantage = Medicare with { PayerKind = PayerKind.MedicareAdvantage };
        var result = Decide(Denied("CO", []) with { FilingIndicator = "HM" }, Records([], [Signed], advantage));

        Assert.Equal(ResolutionAction.ProviderQuery, result.Action); // no documentation on file: the usual route
        Assert.DoesNotContain(result.Evidence, e => e.Check == "Advance Beneficiary Notice");
    }

    [Fact]
    public void WithoutAnAbnLog_NothingIsSaidAboutAbns()
    {
        var result = Decide(Denied("CO", []), Records([], notices: null, documented: true));
        Assert.DoesNotContain(result.Evidence, e => e.Check == "Advance Beneficiary Notice");
    }

    [Fact]
    public void PR50_WithGA_AndAValidAbn_BillsThePatient_NamingTheAbn()
    {
        var result = Decide(Denied("PR", ["GA"]), Records(["GA"], [Signed]));

        Assert.Equal((DenialCategory.PatientResponsibility, ResolutionAction.BillPatient), (result.Category, result.Action));
        Assert.Contains(result.Evidence, e => e.Check == "ABN behind the GA modifier" && e.Found && e.Conclusion.Contains("ABN-17", StringComparison.Ordinal));
    }

    [Fact]
    public void PR50_WithGA_ButNoValidAbnInTheLog_IsNotBilledToThePatient()
    {
        var result = Decide(Denied("PR", ["GA"]), Records(["GA"], [Signed with { SignedDate = Dos.AddDays(2) }]));

        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        Assert.Null(result.Deadline);
        Assert.StartsWith("Do not bill the patient yet", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Social Security Act §1879", Notice(result).Conclusion, StringComparison.Ordinal);
    }

    [Fact]
    public void PR50_WithGA_WithoutAnAbnLog_BillsThePatientOnTheModifier()
    {
        var result = Decide(Denied("PR", ["GA"]), Records(["GA"], notices: null));
        Assert.Equal(ResolutionAction.BillPatient, result.Action);
    }

    [Fact]
    public void AnAbnForAnotherPayer_DoesNotCount()
    {
        var result = Decide(Denied("CO", []), Records([], [Signed with { PayerId = "OTHER" }], documented: true));
        Assert.False(Notice(result).Found);
    }

    [Fact]
    public void PR50_WithGA_AndMedicaidBehindMedicare_GoesToMedicaidFirst_WithTheQmbWarning()
    {
        var medicaid = new PayerProfile { PayerId = "MCD01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid };
        var records = Records(["GA"], [Signed]) with
        {
            Coverages = [new Coverage { PayerId = "MCARE", PayerName = "Medicare Part B", Order = CoverageOrder.Primary },
                new Coverage { PayerId = "MCD01", PayerName = "State Medicaid", Order = CoverageOrder.Secondary }],
            OtherPayerProfiles = [medicaid],
        };
        var result = Decide(Denied("PR", ["GA"]), records);

        Assert.Equal(ResolutionAction.BillOtherPayer, result.Action);
        Assert.StartsWith("Bill State Medicaid (secondary)", result.Summary, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.Check == "QMB" && e.Conclusion.Contains("§1902(n)(3)(B)", StringComparison.Ordinal));
    }

    [Fact]
    public void AServiceNotFurnishedOrNotDocumented_IsNotShiftedByAnAbn()
    {
        // CO-112 (not furnished directly / not documented) is not a "not reasonable and necessary" denial (SSA §1862(a)(1)).
        var claim = Claim("PCN100", "4", 230m, 80m, [Line("99213", 150m, 0m, Dos, "L1", [], [Cas("CO", "112", 150m)]), Line("97110", 80m, 80m, Dos, "L2", ["GP"])], filing: "MB");
        var result = Decide(claim, Records([], [Signed], documented: true));
        Assert.DoesNotContain("GA", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Evidence, e => e.Check == "Advance Beneficiary Notice");
    }
}
