using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// Issue #17 §3: an institutional claim's (837I) filing clocks count from the statement's through date (CMS CR 7080,
/// 42 CFR 424.44); a professional claim's from the line's date of service.
/// </summary>
public sealed class InstitutionalClockTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly From = new(2025, 1, 10);
    private static readonly DateOnly Through = new(2025, 1, 20);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));

    private static readonly PayerProfile Medicare = new() { PayerId = "MCARE", Name = "Medicare Part A", PayerKind = PayerKind.Medicare };
    private static readonly PayerProfile Acme = new() { PayerId = "MCARE", Name = "Acme Health", PayerKind = PayerKind.Commercial, AppealWindowDays = 90, TimelyFilingDays = 120 };

    private static RecordsSnapshot Records(bool institutional, PayerProfile payer, params SubmissionProof[] proofs) => new()
    {
        Payer = payer,
        SubmissionProofs = proofs,
        Claim = new SubmittedClaim
        {
            ClaimId = "PCN100", PayerId = "MCARE", Institutional = institutional, ServiceDateStart = From, ServiceDateEnd = Through,
            Lines = [new SubmittedLine { Number = 1, Procedure = "0450", Charge = 900m, ServiceDate = From, LineControlNumber = "L1" }],
        },
        // The documented diagnosis the claim was sent without (M76 names it): a corrected claim supplies it.
        Encounters = [new EncounterRecord { Id = "ENC1", Date = From, DocumentationPresent = true, DiagnosisCodes = ["R07.9"] }],
    };

    private static ClaimPayment Denied(string reason, params string[] remarks) =>
        Claim("PCN100", "4", 900m, 0m, [Line("0450", 900m, 0m, From, "L1", [], [Cas("CO", reason, 900m)], remarks)], filing: "MA");

    [Fact]
    public void Institutional_CorrectedClaimClock_CountsFromTheStatementThroughDate()
    {
        var result = Researcher.Decide(Denied("16", "M76"), Tx(Paid, "MCARE", "Medicare Part A"), Records(institutional: true, Medicare));

        Assert.Equal(ResolutionAction.CorrectedClaim, result.Action);
        Assert.Equal(new DateOnly(2026, 1, 20), result.Deadline!.Date);
        Assert.Contains("statement through date", result.Deadline.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Professional_CorrectedClaimClock_CountsFromTheLineDate()
    {
        var result = Researcher.Decide(Denied("16", "M76"), Tx(Paid, "MCARE", "Medicare Part A"), Records(institutional: false, Medicare));

        Assert.Equal(new DateOnly(2026, 1, 10), result.Deadline!.Date);
        Assert.Contains("date of service", result.Deadline.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Institutional_TimelyFilingProof_IsMeasuredFromTheThroughDate()
    {
        // 120 days from the through date is 2025-05-20; from the first date it would be 2025-05-10.
        var proof = new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 5, 18), Source = ProofSource.Ack277CA, PayerId = "MCARE" };

        var result = Researcher.Decide(Denied("29"), Tx(Paid, "MCARE", "Acme Health"), Records(institutional: true, Acme, proof));

        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains("within the filing limit", StringComparison.Ordinal));
    }

    [Fact]
    public void InpatientStay_DeniedAsNotNecessary_NamesTheTwoMidnightBenchmark_AndThePartBRebill()
    {
        var records = Records(institutional: true, Medicare) with
        {
            Encounters = [new EncounterRecord { Id = "ENC1", Date = From, DocumentationPresent = true, Documents = ["Admission order", "Discharge summary"] }],
        };
        var result = Researcher.Decide(Denied("50"), Tx(Paid, "MCARE", "Medicare Part A"), records);

        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Contains(result.Evidence, e => e.Check == "Inpatient stay" && e.Conclusion.Contains("412.3(d)(1)", StringComparison.Ordinal)
            && e.Conclusion.Contains("414.5", StringComparison.Ordinal));

        // Either sign of an institutional claim is enough: the 837I on file (whatever CLP06 says), or CLP06 MA (no 837 on file as such).
        var by837 = Researcher.Decide(Denied("50") with { FilingIndicator = "MB" }, Tx(Paid, "MCARE", "Medicare"), records);
        Assert.Contains(by837.Evidence, e => e.Check == "Inpatient stay");
        var byClp06 = Researcher.Decide(Denied("50"), Tx(Paid, "MCARE", "Medicare Part A"), records with { Claim = records.Claim! with { Institutional = false } });
        Assert.Contains(byClp06.Evidence, e => e.Check == "Inpatient stay");

        // A professional claim's CLP08 11 is the office, not an inpatient stay.
        var office = Researcher.Decide(Denied("50") with { FilingIndicator = "MB" }, Tx(Paid, "MCARE", "Medicare Part B"), records with { Claim = records.Claim! with { Institutional = false } });
        Assert.DoesNotContain(office.Evidence, e => e.Check == "Inpatient stay");
    }

    [Fact]
    public void PaidDrgOtherThanBilled_IsNamed_WithMedicaresSixtyDayReview()
    {
        var records = Records(institutional: true, Medicare) with
        {
            Encounters = [new EncounterRecord { Id = "ENC1", Date = From, DocumentationPresent = true, Documents = ["Discharge summary"] }],
        };
        records = records with { Claim = records.Claim! with { Drg = "470" } };
        var claim = Denied("50") with { DrgCode = "469" };

        var result = Researcher.Decide(claim, Tx(Paid, "MCARE", "Medicare Part A"), records);
        Assert.Contains(result.Evidence, e => e.Check == "DRG" && e.Conclusion.Contains("paid DRG 469; the claim was billed with DRG 470", StringComparison.Ordinal)
            && e.Conclusion.Contains("412.60(d)", StringComparison.Ordinal));

        var same = Researcher.Decide(claim with { DrgCode = "0470" }, Tx(Paid, "MCARE", "Medicare Part A"), records);
        Assert.DoesNotContain(same.Evidence, e => e.Check == "DRG");
    }
}
