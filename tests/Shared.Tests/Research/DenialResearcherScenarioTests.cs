using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// The rule table, one row per case: every category with its evidence present and absent.
/// Commercial payer ACME01 with a 90-day appeal window and 120-day timely filing; remittance paid
/// 2025-03-10; date of service 2025-01-15; today 2025-03-15.
/// </summary>
public sealed class DenialResearcherScenarioTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DateOnly AppealDue = new(2025, 6, 8);         // 2025-03-10 + 90
    private static readonly DateOnly FilingDue = new(2025, 5, 15);        // 2025-01-15 + 120
    private static readonly DateOnly OtherPayerDue = new(2025, 4, 15);    // 2025-01-15 + 90 (default commercial)
    private static readonly DateOnly MedicareAppealDue = new(2025, 7, 13); // 2025-03-10 + 5 + 120
    private static readonly DateOnly MedicareReopeningDue = new(2026, 3, 10); // 2025-03-10 + 1 year (42 CFR 405.980(c)(1))

    private static readonly PayerProfile Acme = new()
    {
        PayerId = "ACME01", Name = "Acme Health", PayerKind = PayerKind.Commercial, AppealWindowDays = 90, TimelyFilingDays = 120,
    };
    private static readonly PayerProfile Medicare = new() { PayerId = "MCARE", Name = "Medicare Part B", PayerKind = PayerKind.Medicare };
    private static readonly ProviderProfile Provider = new() { Npi = "1234567893", Name = "Ana Lee", Taxonomy = "207Q00000X" };

    private static SubmittedClaim Submitted(Func<SubmittedClaim, SubmittedClaim>? change = null)
    {
        var claim = new SubmittedClaim
        {
            ClaimId = "PCN100",
            Patient = new PersonIdentity { LastName = "Doe", FirstName = "Jan", MemberId = "M1" },
            PayerId = "ACME01",
            BillingNpi = "1234567893",
            Taxonomy = "207Q00000X",
            DiagnosisCodes = ["M54.50"],
            ServiceDateStart = Dos,
            Lines =
            [
                new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = ["25"], Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1", DiagnosisCodes = ["M54.50"] },
                new SubmittedLine { Number = 2, Procedure = "97110", Modifiers = ["GP"], Charge = 80m, ServiceDate = Dos, LineControlNumber = "L2", DiagnosisCodes = ["M54.50"] },
            ],
        };
        return change is null ? claim : change(claim);
    }

    /// <summary>The denied claim with its first line billing the given units.</summary>
    private static ClaimPayment WithUnits(ClaimPayment claim, decimal units) =>
        claim with { Lines = [claim.Lines[0] with { Units = units }, .. claim.Lines.Skip(1)] };

    private static PayerProfile Advantage(bool? contracted) =>
        new() { PayerId = "ACME01", Name = "Acme Advantage", PayerKind = PayerKind.MedicareAdvantage, Contracted = contracted };

    /// <summary>The claim sent under another billing NPI than the provider profile's.</summary>
    private static RecordsSnapshot OtherBillingNpi(RecordsSnapshot r) => r with { Claim = Submitted(c => c with { BillingNpi = "1497758544" }), BillingProvider = Provider };

    private static RecordsSnapshot Records(Func<RecordsSnapshot, RecordsSnapshot>? change = null)
    {
        var r = new RecordsSnapshot { Claim = Submitted(), Payer = Acme, Provider = Provider };
        return change is null ? r : change(r);
    }

    /// <summary>A denied claim: the first line carries the given adjustment (and remarks), the second is paid.</summary>
    private static ClaimPayment Denied(string group, string reason, decimal amount = 150m, string[]? remarks = null, string[]? modifiers = null,
        decimal paid = 0m, decimal? allowed = null, string filing = "CI", Adjustment[]? extra = null) =>
        Claim("PCN100", "4", 230m, 80m + paid,
            [
                Line("99213", 150m, paid, Dos, "L1", modifiers ?? ["25"], [Cas(group, reason, amount), .. extra ?? []], remarks, allowed),
                Line("97110", 80m, 80m, Dos, "L2", ["GP"]),
            ], filing: filing);

    private static readonly EncounterRecord Documented = new()
    {
        Id = "ENC1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note 2025-01-15", "Lumbar X-ray report"], DiagnosisCodes = ["M54.50"],
    };

    public sealed record Scenario(
        ClaimPayment Claim,
        RecordsSnapshot Records,
        DenialCategory Category,
        ResolutionAction Action,
        DateOnly? Deadline,
        string Evidence,
        RemittanceTransaction? Tx = null);

    private static readonly Dictionary<string, Scenario> Cases = new()
    {
        // Authorization
        ["CO-197 authorization on file, the claim carried it → appeal citing it"] = new(Denied("CO", "197"),
            Records(r => r with { Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-778" }), Authorizations = [new Authorization { Number = "PA-778", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.Appeal, AppealDue, "Authorization PA-778 covers 99213 on 2025-01-15"),
        ["CO-197 authorization on file, the claim carried none → corrected claim with it in REF*G1"] = new(Denied("CO", "197"),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-778", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.CorrectedClaim, FilingDue, "the claim as submitted carried no authorization number (REF*G1), so the payer decided without it"),
        ["CO-15 the claim carried another number than the authorization on file → corrected claim"] = new(Denied("CO", "15"),
            Records(r => r with { Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-OLD" }), Authorizations = [new Authorization { Number = "PA-778", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.CorrectedClaim, FilingDue, "carried another number (PA-OLD)"),
        ["CO-198 units billed within the authorized units → appeal stating both"] = new(WithUnits(Denied("CO", "198"), 4m),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-12", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31), UnitsAuthorized = 6m }] }),
            DenialCategory.Authorization, ResolutionAction.Appeal, AppealDue, "Authorization PA-12 allows 6 units or visits for 99213 on 2025-01-15; this claim bills 4"),
        ["CO-198 more units billed than authorized → extension for the excess"] = new(WithUnits(Denied("CO", "198"), 8m),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-12", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31), UnitsAuthorized = 6m }] }),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "this claim bills 8, 2 more than authorized"),
        ["CO-198 authorization with no units recorded → manual review, no claim of a check"] = new(Denied("CO", "198"),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-12", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.ManualReview, AppealDue, "could not be checked against it"),
        ["CO-39 the authorization on file is the request the payer denied → manual review, never appeal on it"] = new(Denied("CO", "39"),
            Records(r => r with
            {
                Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-39" }),
                Authorizations = [new Authorization { Number = "PA-39", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }],
            }),
            DenialCategory.Authorization, ResolutionAction.ManualReview, AppealDue, "which is the request the payer says it denied"),
        ["CO-39 no approval on file → manual review of the utilization decision, no retro-authorization"] = new(Denied("CO", "39"), Records(),
            DenialCategory.Authorization, ResolutionAction.ManualReview, AppealDue, "A retro-authorization of a denied request is not available"),
        ["CO-197 no authorization → retro-authorization"] = new(Denied("CO", "197"), Records(),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "No authorization on file covers 99213 on 2025-01-15"),
        ["CO-197 authorization for other dates → retro-authorization"] = new(Denied("CO", "197"),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-1", ProcedureCodes = ["99213"], PeriodStart = new(2024, 10, 1), PeriodEnd = new(2024, 12, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "Authorization PA-1 is on file but covers 2024-10-01 to 2024-12-31"),

        // Timely filing
        ["CO-29 commercial with acceptance in time → appeal with proof"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Reference = "TRN55" }] }),
            DenialCategory.TimelyFiling, ResolutionAction.Appeal, AppealDue, "Claim PCN100 was accepted on 2025-01-20 by the payer's own 277CA acknowledgment (A2: accepted into adjudication), reference TRN55"),
        ["CO-29 commercial without proof → write off"] = new(Denied("CO", "29"), Records(),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "No acceptance of claim PCN100 by this payer is on file"),
        ["CO-29 commercial with late acceptance → write off"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 6, 1), Source = ProofSource.Ack277CA }] }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "after the filing limit of 2025-05-15"),
        ["CO-29 commercial accepted on the last day of the limit → appeal with proof"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = FilingDue, Source = ProofSource.Ack277CA, Issuer = ProofIssuer.Payer }] }),
            DenialCategory.TimelyFiling, ResolutionAction.Appeal, AppealDue, "was accepted on 2025-05-15 by the payer's own 277CA acknowledgment (A2: accepted into adjudication), within the filing limit"),
        ["CO-29 commercial with only a 999 → write off: a 999 proves syntax, not filing"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack999 }] }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "because a 999 implementation acknowledgment proves the file's syntax was accepted, not that the claim was filed"),
        ["CO-29 commercial with a clearinghouse's 277CA, payer does not take those (default) → write off"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Issuer = ProofIssuer.Clearinghouse }] }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "proves acceptance by the clearinghouse for forwarding"),
        ["CO-29 commercial with a clearinghouse's 277CA, payer takes those → appeal saying which kind of proof"] = new(Denied("CO", "29"),
            Records(r => r with
            {
                Payer = r.Payer! with { AcceptsClearinghouseAcknowledgment = true },
                SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Issuer = ProofIssuer.Clearinghouse }],
            }),
            DenialCategory.TimelyFiling, ResolutionAction.Appeal, AppealDue, "by the clearinghouse's acceptance report (277CA), which"),
        ["CO-29 commercial, acceptance on file is another payer's → manual review"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, PayerId = "BCBS" }] }),
            DenialCategory.TimelyFiling, ResolutionAction.ManualReview, AppealDue, "by payer BCBS, not by this payer"),
        ["CO-29 commercial, this payer's acceptance beside another payer's earlier one → appeal citing this payer's"] = new(Denied("CO", "29"),
            Records(r => r with { SubmissionProofs = [
                new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 18), Source = ProofSource.Ack277CA, PayerId = "BCBS" },
                new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 2, 3), Source = ProofSource.Ack277CA, PayerId = "ACME01", Reference = "TRN77" }] }),
            DenialCategory.TimelyFiling, ResolutionAction.Appeal, AppealDue, "Claim PCN100 was accepted on 2025-02-03 by the payer's own 277CA acknowledgment (A2: accepted into adjudication), reference TRN77"),
        // Issue #17 §3: a timely acceptance by the contractor makes the CO-29 its error — a reopening, not a write-off.
        ["CO-29 Medicare with timely proof → reopening request (contractor error), not a write-off"] = new(Denied("CO", "29", filing: "MB"),
            Records(r => r with { Payer = Medicare, SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA }] }),
            DenialCategory.TimelyFiling, ResolutionAction.RequestReopening, MedicareReopeningDue, "the timely filing denial is the contractor's error"),
        ["CO-29 Medicare without proof → write off, naming the 424.44(b) exceptions"] = new(Denied("CO", "29", filing: "MB"), Records(r => r with { Payer = Medicare }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "Medicare does not allow an appeal of a timely filing denial"),
        // 42 CFR 424.44(b)(3)/(4): the claim went in time to a plan whose coverage was later ended back past the service.
        ["CO-29 Medicare, accepted by an MA plan whose coverage now ends before the service → review for a 424.44(b) exception"] = new(Denied("CO", "29", filing: "MB"),
            Records(r => r with
            {
                Payer = Medicare,
                SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 25), Source = ProofSource.Ack277CA, PayerId = "MAPLAN" }],
                Coverages = [.. r.Coverages, new Coverage { MemberId = "M1", PayerId = "MAPLAN", PayerName = "Sunrise Medicare Advantage", PeriodStart = new(2024, 1, 1), PeriodEnd = new(2024, 12, 31) }],
            }),
            DenialCategory.TimelyFiling, ResolutionAction.ManualReview, MedicareReopeningDue, "ends 2024-12-31, before the service date 2025-01-15"),
        ["CO-29 Medicare, another plan's acceptance but its coverage still covers the service → write off"] = new(Denied("CO", "29", filing: "MB"),
            Records(r => r with
            {
                Payer = Medicare,
                SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 25), Source = ProofSource.Ack277CA, PayerId = "MAPLAN" }],
                Coverages = [.. r.Coverages, new Coverage { MemberId = "M1", PayerId = "MAPLAN", PeriodStart = new(2024, 1, 1), PeriodEnd = new(2025, 12, 31) }],
            }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "Medicare does not allow an appeal of a timely filing denial"),
        ["CO-29 Medicare with only a 999 → write off (a 999 proves syntax, not acceptance)"] = new(Denied("CO", "29", filing: "MB"),
            Records(r => r with { Payer = Medicare, SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack999 }] }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "proves the file's syntax was accepted, not that the claim was filed"),
        ["CO-29 Medicare accepted after the limit → write off"] = new(Denied("CO", "29", filing: "MB"),
            Records(r => r with { Payer = Medicare, SubmissionProofs = [new SubmissionProof { ClaimId = "PCN100", AcceptedDate = new(2026, 2, 1), Source = ProofSource.Ack277CA }] }),
            DenialCategory.TimelyFiling, ResolutionAction.WriteOff, null, "came after the filing limit"),

        // Missing information
        ["CO-16 N290 NPI in provider profile → corrected claim naming it"] = new(Denied("CO", "16", remarks: ["N290"]), Records(),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, FilingDue, "Remark N290 names rendering provider NPI; the records hold it (provider profile): 1234567893"),
        ["CO-16 M51, the claim as sent carried the procedure → verify it, not the same value again"] = new(Denied("CO", "16", remarks: ["M51"]), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, FilingDue, "Remark M51 names procedure code, but the claim as sent carried it (99213)"),
        ["CO-16 N255, the claim sent without a taxonomy, the provider profile holds one → corrected claim"] = new(Denied("CO", "16", remarks: ["N255"]),
            Records(r => r with { Claim = Submitted(c => c with { Taxonomy = null }) }),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, FilingDue, "the records hold it (provider profile): 207Q00000X"),
        ["CO-16 N255 corrected claim, payer counts corrected claims 60 days from the original processing date"] = new(Denied("CO", "16", remarks: ["N255"]),
            Records(r => r with { Payer = r.Payer! with { CorrectedClaimClockFrom = CorrectedClaimClock.OriginalProcessingDate, CorrectedClaimDays = 60 }, Claim = Submitted(c => c with { Taxonomy = null }) }),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, new DateOnly(2025, 5, 9), "Remark N255 names"), // 2025-03-10 + 60
        ["CO-16 N257 billing NPI other than the profile's → void (8) and a new claim (1), not a replacement"] = new(Denied("CO", "16", remarks: ["N257"]), Records(OtherBillingNpi),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, FilingDue, "the claim as sent carried 1497758544 and the billing provider's profile holds 1234567893: correct it"),
        ["CO-16 N257 billing NPI as sent, the profile's own → verify its enrollment, no new claim with the same NPI"] = new(Denied("CO", "16", remarks: ["N257"]),
            Records(r => r with { BillingProvider = Provider }),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, FilingDue, "the same as the billing provider's profile: verify it (NPPES"),
        ["CO-16 N257, only the rendering provider's profile on file → verify, never the individual's NPI as the billing NPI"] = new(Denied("CO", "16", remarks: ["N257"]),
            Records(r => r with { Claim = Submitted(c => c with { BillingNpi = "1497758544" }) }),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, FilingDue, "but the claim as sent carried it (1497758544): verify it"),
        ["CO-16 M62, the claim's own authorization on file beside another payer's → verify, not the other number"] = new(Denied("CO", "16", remarks: ["M62"]),
            Records(r => r with
            {
                Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-A" }),
                Authorizations = [
                    new Authorization { Number = "PA-B", PayerId = "OTHER", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) },
                    new Authorization { Number = "PA-A", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }],
            }),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, FilingDue, "the same as the authorization on file"),
        ["CO-16 N290 with no NPI anywhere → provider query"] = new(Denied("CO", "16", remarks: ["N290"]), Records(r => r with { Provider = null, Claim = Submitted(c => c with { BillingNpi = null }) }),
            DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, FilingDue, "Remark N290 names rendering provider NPI; the records do not hold it"),
        ["CO-16 N701 referral missing → provider query"] = new(Denied("CO", "16", remarks: ["N701", "MA01"]), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, FilingDue, "Remark N701 names referral number; the records do not hold it"),
        ["CO-16 MA130 alone → manual review on the timely filing clock (no appeal rights)"] = new(Denied("CO", "16", remarks: ["MA130"]), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, FilingDue, "MA130: the claim was returned as unprocessable"),
        ["CO-16 MA130 with N255, taxonomy on the profile → new claim"] = new(Denied("CO", "16", remarks: ["MA130", "N255"]), Records(r => r with { Claim = Submitted(c => c with { Taxonomy = null }) }),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, FilingDue, "the records hold it (provider profile): 207Q00000X"),
        ["CO-16 without remark → manual review"] = new(Denied("CO", "16"), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ManualReview, AppealDue, "arrived without a remark code that names the missing element"),

        // Duplicate
        ["CO-18 earlier paid claim → no action"] = new(Denied("CO", "18"),
            Records(r => r with { EarlierPaidServices = [new PaidService { ClaimId = "PCN099", PayerClaimNumber = "ICN800", Procedure = "99213", ServiceDate = Dos, Paid = 95m, PaidDate = new(2025, 2, 1) }] }),
            DenialCategory.Duplicate, ResolutionAction.NoAction, null, "Claim PCN099 (payer claim ICN800) paid $95.00 for 99213 on 2025-01-15"),
        ["CO-18 nothing paid before → appeal"] = new(Denied("CO", "18"), Records(r => r with { EarlierPaymentsChecked = true }),
            DenialCategory.Duplicate, ResolutionAction.Appeal, AppealDue, "No earlier paid claim for 99213 on 2025-01-15 is on file"),
        ["CO-18 earlier payments not looked up → appeal that claims nothing"] = new(Denied("CO", "18"), Records(),
            DenialCategory.Duplicate, ResolutionAction.Appeal, AppealDue, "Earlier payments for 99213 on 2025-01-15 could not be checked"),
        ["CO-18 same procedure paid on another date → appeal (not a duplicate)"] = new(Denied("CO", "18"),
            Records(r => r with { EarlierPaidServices = [new PaidService { ClaimId = "PCN099", Procedure = "99213", ServiceDate = Dos.AddDays(-7), Paid = 95m }] }),
            DenialCategory.Duplicate, ResolutionAction.Appeal, AppealDue, "No earlier paid claim for 99213 on 2025-01-15 is on file"),
        ["CO-18 paid before but billed with 76 → appeal"] = new(Denied("CO", "18", modifiers: ["76"]),
            Records(r => r with { Claim = Submitted(c => c with { Lines = [c.Lines[0] with { Modifiers = ["76"] }, c.Lines[1]] }), EarlierPaidServices = [new PaidService { ClaimId = "PCN099", Procedure = "99213", ServiceDate = Dos, Paid = 95m }] }),
            DenialCategory.Duplicate, ResolutionAction.Appeal, AppealDue, "this line carried modifier 76"),

        // Coordination of benefits / eligibility
        ["CO-22 other coverage primary → bill other payer"] = new(Denied("CO", "22"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "Coverage with Blue Plan (Primary) was active on 2025-01-15"),
        // The other payer's own filing limit, from its profile (issue: BillOtherPayer ran on the default commercial limit).
        ["CO-22 other payer is Original Medicare → its 1-year filing limit (42 CFR 424.44)"] = new(Denied("CO", "22"),
            Records(r => r with
            {
                Coverages = [new Coverage { PayerId = "MCARE", PayerName = "Medicare Part B", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                    new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }],
                OtherPayerProfiles = [Medicare],
            }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, new DateOnly(2026, 1, 15), "Coverage with Medicare Part B (Primary) was active on 2025-01-15"),
        ["CO-22 other payer's profile has its own limit → that limit"] = new(Denied("CO", "22"),
            Records(r => r with
            {
                Coverages = [new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary }],
                OtherPayerProfiles = [new PayerProfile { PayerId = "BCBS", Name = "Blue Plan", TimelyFilingDays = 180 }],
            }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, new DateOnly(2025, 7, 14), "Coverage with Blue Plan (Primary) was active on 2025-01-15"),
        ["CO-22 records show this payer primary → appeal"] = new(Denied("CO", "22"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.Appeal, AppealDue, "Blue Plan is Secondary: the records do not show another payer as primary"),
        ["CO-22 other coverage of the same order → appeal asking to confirm the order"] = new(Denied("CO", "22"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.Appeal, AppealDue, "the records do not show another payer as primary"),
        // No coverage record at all is unknown, not "no coverage" (issue #17 §2): the code book's route, never the patient.
        ["CO-22 no coverage on file → bill the other payer, not the patient"] = new(Denied("CO", "22"), Records(),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "Coverage not on file: no coverage record was imported"),
        ["CO-27 coverage ended → bill patient"] = new(Denied("CO", "27"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2023, 1, 1), PeriodEnd = new(2024, 12, 31) }] }),
            DenialCategory.Eligibility, ResolutionAction.BillPatient, null, "The latest coverage on file (Acme Health) ended 2024-12-31"),
        ["CO-27 coverage ended → bill the patient, after ruling out retroactive Medicaid"] = new(Denied("CO", "27"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2023, 1, 1), PeriodEnd = new(2024, 12, 31) }] }),
            DenialCategory.Eligibility, ResolutionAction.BillPatient, null, "three months before the month of application (42 CFR 435.915(a))"),
        ["CO-27 coverage ended, a newborn → check the newborn's own coverage before billing the family"] = new(Denied("CO", "27"),
            Records(r => r with
            {
                Claim = Submitted(c => c with { Patient = c.Patient with { BirthDate = new(2024, 12, 28) } }),
                Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2023, 1, 1), PeriodEnd = new(2024, 12, 31) }],
            }),
            DenialCategory.Eligibility, ResolutionAction.BillPatient, null, "a newborn is billed under its own member id"),
        ["CO-27 this payer's coverage active → appeal"] = new(Denied("CO", "27"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), PeriodEnd = new(2025, 12, 31) }] }),
            DenialCategory.Eligibility, ResolutionAction.Appeal, AppealDue, "no other payer's coverage is on file for that date"),
        ["CO-109 another payer covers → bill other payer"] = new(Denied("CO", "109"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "MCD01", PayerName = "State Medicaid", PeriodStart = new(2025, 1, 1), Order = CoverageOrder.Primary }] }),
            DenialCategory.Eligibility, ResolutionAction.BillOtherPayer, OtherPayerDue, "Coverage with State Medicaid (Primary) was active on 2025-01-15"),

        // Medical necessity
        ["CO-50 documented encounter → appeal with enclosures"] = new(Denied("CO", "50", remarks: ["N115"]), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, AppealDue, "Encounter ENC1 on 2025-01-15 has 2 document(s) on file to enclose"),
        ["CO-50 no encounter → provider query"] = new(Denied("CO", "50"), Records(),
            DenialCategory.MedicalNecessity, ResolutionAction.ProviderQuery, AppealDue, "No encounter is on file for 2025-01-15"),
        ["CO-151 documented → appeal"] = new(Denied("CO", "151"), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, AppealDue, "has 2 document(s) on file"),
        ["CO-167 encounter without documentation → provider query"] = new(Denied("CO", "167"), Records(r => r with { Encounters = [Documented with { DocumentationPresent = false, Documents = [] }] }),
            DenialCategory.MedicalNecessity, ResolutionAction.ProviderQuery, AppealDue, "Encounter ENC1 on 2025-01-15 has no documentation on file"),
        ["CO-50 Medicare → 120 days from presumed receipt"] = new(Denied("CO", "50", filing: "MB"), Records(r => r with { Payer = Medicare, Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, MedicareAppealDue, "has 2 document(s) on file"),

        // Bundling
        ["CO-97 distinct structure documented → corrected claim with XS"] = new(Denied("CO", "97", remarks: ["M15"]),
            Records(r => r with { Encounters = [Documented with { DistinctServices = [new DistinctService("99213", DistinctReason.SeparateStructure)] }] }),
            DenialCategory.Bundling, ResolutionAction.CorrectedClaim, FilingDue, "which modifier XS reports"),
        ["CO-97 not documented as distinct → accept (write off)"] = new(Denied("CO", "97"), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.Bundling, ResolutionAction.WriteOff, null, "does not document 99213 as separate"),
        ["CO-97 already billed with 59 → appeal"] = new(Denied("CO", "97", modifiers: ["59"]),
            Records(r => r with { Claim = Submitted(c => c with { Lines = [c.Lines[0] with { Modifiers = ["59"] }, c.Lines[1]] }) }),
            DenialCategory.Bundling, ResolutionAction.Appeal, AppealDue, "was billed with modifier 59"),
        ["CO-97 no documentation → provider query"] = new(Denied("CO", "97"), Records(),
            DenialCategory.Bundling, ResolutionAction.ProviderQuery, FilingDue, "No documented encounter is on file for 2025-01-15"),

        // Coding
        ["CO-4 payer dropped modifier 25 → appeal"] = new(Denied("CO", "4", modifiers: []), Records(),
            DenialCategory.Coding, ResolutionAction.Appeal, AppealDue, "was submitted with modifier(s) 25; the remittance shows none"),
        ["CO-4 no documentation → provider query"] = new(Denied("CO", "4"), Records(),
            DenialCategory.Coding, ResolutionAction.ProviderQuery, FilingDue, "to review the modifier against"),
        ["CO-11 documented diagnosis missing from claim → corrected claim"] = new(Denied("CO", "11"),
            Records(r => r with { Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }] }),
            DenialCategory.Coding, ResolutionAction.CorrectedClaim, FilingDue, "documents diagnosis code(s) M51.16 that the claim did not carry"),
        ["CO-11 diagnoses as documented → appeal"] = new(Denied("CO", "11"), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.Coding, ResolutionAction.Appeal, AppealDue, "documents the same diagnosis codes the claim carried (M54.50)"),

        // Provider enrollment
        ["CO-185 NPI differs from profile → corrected claim"] = new(Denied("CO", "185"),
            Records(r => r with { Claim = Submitted(c => c with { RenderingNpi = "1245319599" }) }),
            DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, FilingDue, "Bill with NPI 1234567893 (Ana Lee) instead of 1245319599"),
        ["CO-185 identifiers match profile → manual review"] = new(Denied("CO", "185"), Records(),
            DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, AppealDue, "match the provider profile"),

        // Patient responsibility, contractual, non-covered
        ["PR-1 deductible → bill patient"] = new(Claim("PCN100", "1", 230m, 130m, [Line("99213", 150m, 50m, Dos, "L1", ["25"], [Cas("PR", "1", 100m)]), Line("97110", 80m, 80m, Dos, "L2")]),
            Records(), DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "PR-1 is patient responsibility"),
        ["CO-2 coinsurance under group CO → manual review, not the patient"] = new(Denied("CO", "2", amount: 30m, paid: 120m),
            Records(), DenialCategory.PatientResponsibility, ResolutionAction.ManualReview, AppealDue, "under group CO, not PR"),
        ["PR-2 and PR-3 → bill patient"] = new(Claim("PCN100", "1", 230m, 190m, [Line("99213", 150m, 120m, Dos, "L1", ["25"], [Cas("PR", "2", 30m)]), Line("97110", 80m, 70m, Dos, "L2", ["GP"], [Cas("PR", "3", 10m)])]),
            Records(), DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "PR-2 is patient responsibility"),
        ["CO-45 paid at contract → no action"] = new(Denied("CO", "45", amount: 50m, paid: 100m, allowed: 100m),
            Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 100m)] }),
            DenialCategory.Contractual, ResolutionAction.NoAction, null, "paid as contracted"),
        ["CO-45 underpaid → appeal the difference"] = new(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m),
            Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.Appeal, AppealDue, "the payer allowed $80.00, $15.00 less"),
        // A misapplied fee schedule is a clerical error: Original Medicare corrects it by reopening, not redetermination.
        ["CO-45 underpaid on Original Medicare → reopening of the allowed amount"] = new(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m, filing: "MB"),
            Records(r => r with { Payer = Medicare, ContractRates = [new ContractRate("MCARE", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.RequestReopening, MedicareReopeningDue, "Field: the allowed amount of line 1 (99213), processed as $80.00; it should be $95.00"),
        ["CO-45 with modifier 51: allowed half the rate is the multiple-procedure reduction → no action"] = new(Denied("CO", "45", amount: 102.50m, paid: 47.50m, allowed: 47.50m, modifiers: ["51"]),
            Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.NoAction, null, "× 0.5 (Modifier 51 (multiple procedures)"),
        ["CO-45 on 3 units at a per-unit rate, allowed for 2 → appeal the missing unit"] = new(WithUnits(Denied("CO", "45", amount: 0.01m, paid: 149.99m, allowed: 190m), 3m),
            Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.Appeal, AppealDue, "is $95.00 × 3 unit(s) = $285.00; the payer allowed $190.00, $95.00 less"),
        ["CO-45 underpaid against a rate that ended before the date of service → no action"] = new(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m),
            Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 95m) { EffectiveFrom = new(2024, 1, 1), EffectiveTo = new(2024, 12, 31) }] }),
            DenialCategory.Contractual, ResolutionAction.NoAction, null, "No contracted rate for 99213"),
        ["CO-45 no rate on file → no action"] = new(Denied("CO", "45", amount: 50m, paid: 100m), Records(),
            DenialCategory.Contractual, ResolutionAction.NoAction, null, "No contracted rate for 99213"),
        ["CO-96 non-covered → manual review"] = new(Denied("CO", "96"), Records(),
            DenialCategory.NonCovered, ResolutionAction.ManualReview, AppealDue, "The service is not covered by the patient's plan."),
        ["CO-119 benefit maximum with CO group → manual review (no ABN)"] = new(Denied("CO", "119"), Records(),
            DenialCategory.NonCovered, ResolutionAction.ManualReview, AppealDue, "the patient may be billed only with a signed waiver"),
        ["PR-96 non-covered patient responsibility → bill patient"] = new(Denied("PR", "96"), Records(),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "PR-96 is patient responsibility"),
        // What a payer leaves to the patient goes to the next payer first (coordination of benefits).
        ["PR-96 with a secondary coverage active → bill the secondary before the patient"] = new(Denied("PR", "96"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillOtherPayer, OtherPayerDue, "the patient is billed only what it leaves"),
        ["PR-96 with only an earlier-order coverage elsewhere → bill patient (no payer after this one)"] = new(Denied("PR", "96"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "PR-96 is patient responsibility"),
        ["PR-96 on a claim the payer forwarded (CLP02 19) → no bill until the next payer's remittance"] = new(Denied("PR", "96") with { Status = "19" }, Records(),
            DenialCategory.PatientResponsibility, ResolutionAction.NoAction, null, "the next payer has it already (a crossover)"),
        ["PR-96 with MA18 (Medicare crossed the claim over to the supplemental insurer) → no bill yet"] = new(Denied("PR", "96", remarks: ["MA18"]), Records(),
            DenialCategory.PatientResponsibility, ResolutionAction.NoAction, null, "(remark MA18), so the next payer has it already"),
        // N211: the payer says no appeal lies; research drafts none.
        ["CO-50 documented, with N211 (you may not appeal) → manual review, no appeal"] = new(Denied("CO", "50", remarks: ["N211"]), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.ManualReview, FilingDue, "Remark N211: the payer says CO-50 may not be appealed"),

        // Second pass (issue #17 §1, §2): coverage on file, and missing coverage data is not a fact
        ["CO-22 this payer secondary, primary's coverage not on file → bill the primary, ask for its coverage"] = new(Denied("CO", "22"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "The coverage of the primary plan on 2025-01-15 is not on file: ask the patient"),
        ["CO-22 this payer secondary beside a tertiary plan, primary not on file → bill the primary"] = new(Denied("CO", "22"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary },
                new Coverage { PayerId = "MCD01", PayerName = "State Medicaid", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Tertiary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "This payer's coverage (Acme Health) is Secondary on 2025-01-15"),
        ["CO-27 no coverage on file → manual review, never the patient"] = new(Denied("CO", "27"), Records(),
            DenialCategory.Eligibility, ResolutionAction.ManualReview, AppealDue, "Coverage not on file: no coverage record was imported for this patient"),
        ["CO-31 no coverage on file → manual review, never the patient"] = new(Denied("CO", "31"), Records(),
            DenialCategory.Eligibility, ResolutionAction.ManualReview, AppealDue, "the patient is not billed on missing data"),
        ["CO-13 coverage on file but none active → the code book's route (review), not the patient"] = new(Denied("CO", "13"),
            Records(r => r with { Coverages = [new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2023, 1, 1), PeriodEnd = new(2024, 12, 31) }] }),
            DenialCategory.Eligibility, ResolutionAction.ManualReview, AppealDue, "The latest coverage on file (Acme Health) ended 2024-12-31"),

        // Second pass (issue #17 §2): "none on file" is said as such, never as "none exists"
        ["CO-197 no authorization records at all → retro-authorization, saying none on file is not none obtained"] = new(Denied("CO", "197"), Records(),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "so none on file does not mean none was obtained"),
        ["CO-197 authorizations on file, none for this service → retro-authorization, saying how many were checked"] = new(Denied("CO", "197"),
            Records(r => r with { Authorizations = [new Authorization { Number = "PA-1", ProcedureCodes = ["20610"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) }] }),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "1 authorization record(s) are on file for this patient; none covers this service and date"),
        ["CO-50 no encounter records at all → provider query, saying none imported is not undocumented"] = new(Denied("CO", "50"), Records(),
            DenialCategory.MedicalNecessity, ResolutionAction.ProviderQuery, AppealDue, "no encounter records were imported for this patient, which does not mean the visit was not documented"),

        // Second pass (issue #17 §3): PR-50 follows the liability modifier (GA: ABN given; GZ: none)
        ["PR-50 with GA on the line → bill the patient (ABN on file)"] = new(Denied("PR", "50", modifiers: ["GA"], filing: "MB"), Records(r => r with { Payer = Medicare }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "was billed with modifier GA"),
        ["PR-50 with GZ on the line → write off, the patient may not be billed"] = new(Denied("PR", "50", modifiers: ["GZ"], filing: "MB"), Records(r => r with { Payer = Medicare }),
            DenialCategory.MedicalNecessity, ResolutionAction.WriteOff, null, "was billed with modifier GZ"),
        ["PR-50 with neither GA nor GZ → worked as medical necessity, the patient may not be billed"] = new(Denied("PR", "50", filing: "MB"),
            Records(r => r with { Payer = Medicare, Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, MedicareAppealDue, "carries neither GA nor GZ: without an ABN (GA) the patient may not be billed"),

        // CARCs added in session 12 (no longer "unknown code"): each follows its category's rule.
        ["CO-206 NPI missing, the records hold it → corrected claim supplying it"] = new(Denied("CO", "206"), Records(),
            DenialCategory.MissingInformation, ResolutionAction.CorrectedClaim, FilingDue, "CO-206 names rendering provider NPI; the records hold it (provider profile)"),
        ["CO-165 referral absent or exceeded → ask the referring provider for it (or its extension)"] = new(Denied("CO", "165"), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, FilingDue, "arrived without a remark code that names the missing element"),
        ["CO-109 from Medicare, Medicare the only coverage → send it to the contractor with jurisdiction"] = new(Denied("CO", "109", filing: "MB"),
            Records(r => r with { Payer = Medicare, Coverages = [new Coverage { PayerId = "MCARE", PayerName = "Medicare Part B", PeriodStart = new(2024, 1, 1) }] }),
            DenialCategory.Eligibility, ResolutionAction.ManualReview, new DateOnly(2026, 1, 15), "another contractor (a DME MAC, Railroad Medicare or another jurisdiction's MAC)"),
        ["CO-163 attachment not received → ask the provider for it"] = new(Denied("CO", "163"), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, AppealDue, "arrived without a remark code that names the missing element"),
        ["CO-152 length of service, documented → appeal with the documentation"] = new(Denied("CO", "152"), Records(r => r with { Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, AppealDue, "Encounter ENC1 on 2025-01-15 has 2 document(s) on file"),
        ["CO-B11 transferred to the proper payer → manual review on the appeal clock: check the other payer has it"] = new(Denied("CO", "B11"), Records(),
            DenialCategory.Other, ResolutionAction.ManualReview, AppealDue, "the code book's usual route is review by hand"),
        ["CO-B9 hospice → manual review (GW if unrelated to the terminal condition), never another payer"] = new(Denied("CO", "B9", filing: "MB"),
            Records(r => r with { Payer = Medicare, Coverages = [new Coverage { PayerId = "MEDIGAP", PayerName = "Medigap Plan G", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.Other, ResolutionAction.ManualReview, MedicareAppealDue, "the code book's usual route is review by hand"),
        ["CO-4 Medicare, payer dropped KX → redetermination: a reopening does not restore KX"] = new(Denied("CO", "4", modifiers: [], filing: "MB"),
            Records(r => r with { Payer = Medicare, Claim = Submitted(c => c with { Lines = [c.Lines[0] with { Modifiers = ["KX"] }, c.Lines[1]] }) }),
            DenialCategory.Coding, ResolutionAction.Appeal, MedicareAppealDue, "MACs do not add or change modifier KX by reopening"),
        ["CO-B13 on Original Medicare, no earlier payment on its remittances → reopening, as for CARC 18"] = new(Denied("CO", "B13", filing: "MB"),
            Records(r => r with { Payer = Medicare, EarlierPaymentsChecked = true }),
            DenialCategory.Duplicate, ResolutionAction.RequestReopening, MedicareReopeningDue, "clerical error"),
        ["CO-B20 furnished by another provider → find out who was paid, no appeal on our remittances' silence"] = new(Denied("CO", "B20"), Records(r => r with { EarlierPaymentsChecked = true }),
            DenialCategory.Duplicate, ResolutionAction.ManualReview, AppealDue, "its payment would not be on this provider's remittances"),
        ["CO-252 documentation required → ask for it on the appeal clock, not timely filing"] = new(Denied("CO", "252"), Records(),
            DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, AppealDue, "arrived without a remark code that names the missing element"),
        ["PR-100 the payer paid the patient, a secondary on file → still collected from the patient"] = new(Denied("PR", "100"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "PR-100 is patient responsibility"),
        // A Medicaid enrollee is billed only what Medicaid allows (42 CFR 447.15): the patient bill says so.
        ["PR-96 from Medicaid → bill the patient, warning that Medicaid's payment is payment in full"] = new(Denied("PR", "96"),
            Records(r => r with { Payer = new PayerProfile { PayerId = "MCD01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid } }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "this payer is Medicaid. A provider that takes Medicaid accepts its payment as payment in full (42 CFR 447.15)"),
        ["PR-1 from a commercial plan, Medicaid on file as primary → Medicaid next: it pays last whatever its record says"] = new(Denied("PR", "1"),
            Records(r => r with
            {
                Coverages = [new Coverage { PayerId = "MCD01", PayerName = "State Medicaid", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary }],
                OtherPayerProfiles = [new PayerProfile { PayerId = "MCD01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid }],
            }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillOtherPayer, new DateOnly(2025, 7, 14), "Coverage with State Medicaid (Primary) was active on 2025-01-15"),
        ["CO-22 from Medicaid, a commercial plan active and recorded behind it → bill the commercial plan: Medicaid pays last"] = new(Denied("CO", "22"),
            Records(r => r with
            {
                Payer = new PayerProfile { PayerId = "ACME01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid },
                Coverages = [
                    new Coverage { PayerId = "ACME01", PayerName = "State Medicaid", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                    new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }],
            }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "Coverage with Blue Plan (Secondary) was active on 2025-01-15"),
        // The next payer's window from this remittance, when later than its timely filing from the date of service.
        ["PR-1 from Medicare, Medicaid behind it → bill Medicaid on its own limit; the 6-month crossover rule is the state's to set"] = new(
            Denied("PR", "1", filing: "MB"),
            Records(r => r with
            {
                Payer = Medicare,
                Coverages = [
                    new Coverage { PayerId = "MCARE", PayerName = "Medicare Part B", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                    new Coverage { PayerId = "MCD01", PayerName = "State Medicaid", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }],
                OtherPayerProfiles = [new PayerProfile { PayerId = "MCD01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid }],
            }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillOtherPayer, new DateOnly(2025, 7, 14), "Coverage with State Medicaid (Secondary)"),
        ["PR-2 from a commercial primary, the secondary's profile gives 90 days from the primary's remittance → the later date"] = new(Denied("PR", "2"),
            Records(r => r with
            {
                Coverages = [new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }],
                OtherPayerProfiles = [new PayerProfile { PayerId = "BCBS", Name = "Blue Plan", TimelyFilingDays = 120, SecondaryFilingDays = 90 }],
            }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillOtherPayer, new DateOnly(2025, 6, 8), "Coverage with Blue Plan (Secondary)"),
        // A Medicare Advantage plan's route follows the provider's contract status (MedicareAdvantageRoute).
        ["CO-50 documented, MA plan, non-contracted → reconsideration with a signed Waiver of Liability, 65 days"] = new(Denied("CO", "50"),
            Records(r => r with { Payer = Advantage(false), Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, new DateOnly(2025, 5, 14), "which the plan reviews only with a signed Waiver of Liability"),
        ["CO-45 underpaid, MA plan, non-contracted → a payment dispute, then the PDRC, not a reconsideration"] = new(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m),
            Records(r => r with { Payer = Advantage(false), ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.Appeal, new DateOnly(2025, 5, 14), "then CMS's Payment Dispute Resolution Contractor"),
        ["CO-50 documented, MA plan, contracted → the agreement's dispute process"] = new(Denied("CO", "50"),
            Records(r => r with { Payer = Advantage(true), Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, new DateOnly(2025, 5, 14), "Contracted provider: the dispute follows the provider agreement's process"),
        ["CO-50 documented, MA plan, contract status not on file → says what each needs"] = new(Denied("CO", "50"),
            Records(r => r with { Payer = Advantage(null), Encounters = [Documented] }),
            DenialCategory.MedicalNecessity, ResolutionAction.Appeal, new DateOnly(2025, 5, 14), "Whether the practice is contracted with this plan is not on file"),
        ["CO-233 hospital-acquired condition → check the POA indicators before writing it off"] = new(Denied("CO", "233"), Records(),
            DenialCategory.NonCovered, ResolutionAction.ManualReview, AppealDue, "present-on-admission"),
        // N830: paid under the No Surprises Act — an amount is disputed by open negotiation, the patient owes only PR.
        ["CO-45 underpaid with N830, no contract with the plan → open negotiation within 30 business days, not the plan's appeal window"] = new(
            Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m, remarks: ["N830"]),
            Records(r => r with { Payer = r.Payer! with { Contracted = false }, ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.ManualReview, new DateOnly(2025, 4, 21), "starts with open negotiation"),
        ["CO-45 underpaid with N830 from a plan the practice is contracted with → the contract's appeal"] = new(
            Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m, remarks: ["N830"]),
            Records(r => r with { Payer = r.Payer! with { Contracted = true }, ContractRates = [new ContractRate("ACME01", "99213", 95m)] }),
            DenialCategory.Contractual, ResolutionAction.Appeal, AppealDue, "the patient is never billed the OA, CO or PI amounts"),
        ["PR-2 with N830 → bill the patient only the PR amounts"] = new(Denied("PR", "2", remarks: ["N830"]), Records(),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "Bill the patient only the PR amounts on this remittance"),
        ["CO-22 with MA04, a primary on file → bill it, then send the claim back with its adjudication (2320/2430)"] = new(Denied("CO", "22", remarks: ["MA04"]),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "loop 2320 (the other payer's CAS adjustments and AMT*D paid amount)"),
        ["PR-96 from a Medicare Advantage plan → bill the enrollee only after the plan's pre-service denial"] = new(Denied("PR", "96"),
            Records(r => r with { Payer = Advantage(true) }),
            DenialCategory.PatientResponsibility, ResolutionAction.BillPatient, null, "holds the enrollee harmless (42 CFR 422.504(g)(1)"),
        ["CO-29 from a secondary, no acceptance on file → check the primary's remittance date, not a write-off"] = new(Denied("CO", "29"),
            Records(r => r with { Coverages = [
                new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }] }),
            DenialCategory.TimelyFiling, ResolutionAction.ManualReview, AppealDue, "This payer's coverage on file is not the primary"),
        ["CO-22 bill the primary, whose profile has a window for secondary claims → its own limit from the date of service"] = new(Denied("CO", "22"),
            Records(r => r with
            {
                Coverages = [
                    new Coverage { PayerId = "BCBS", PayerName = "Blue Plan", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Primary },
                    new Coverage { PayerId = "ACME01", PayerName = "Acme Health", PeriodStart = new(2024, 1, 1), Order = CoverageOrder.Secondary }],
                OtherPayerProfiles = [new PayerProfile { PayerId = "BCBS", Name = "Blue Plan", TimelyFilingDays = 90, SecondaryFilingDays = 180 }],
            }),
            DenialCategory.CoordinationOfBenefits, ResolutionAction.BillOtherPayer, OtherPayerDue, "Coverage with Blue Plan (Primary)"),
        ["CO-183 from Medicaid → the state's enrollment of the providers named, on Medicaid's 60-day default"] = new(Denied("CO", "183"),
            Records(r => r with { Payer = new PayerProfile { PayerId = "ACME01", Name = "State Medicaid", PayerKind = PayerKind.Medicaid } }),
            DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, new DateOnly(2025, 5, 9), "must be enrolled with the state Medicaid agency (42 CFR 455.410)"),
        ["OA-B13 previously paid, no earlier payment on file → the duplicate rule's appeal"] = new(Denied("OA", "B13"), Records(),
            DenialCategory.Duplicate, ResolutionAction.Appeal, AppealDue, "B13"),

        // A review organization's (QIO's) denial on Original Medicare: the QIO reconsiders it, on 60 days (42 CFR 478.20(a)).
        ["CO-216 Original Medicare → the QIO's reconsideration on 60 days, not the MAC's 120"] = new(Denied("CO", "216", filing: "MB"),
            Records(r => r with { Payer = Medicare }),
            DenialCategory.Other, ResolutionAction.ManualReview, new DateOnly(2025, 5, 14), "reconsiders it (42 CFR 478.16"),
        ["CO-216 another payer → the code book's route on the appeal clock"] = new(Denied("CO", "216"), Records(),
            DenialCategory.Other, ResolutionAction.ManualReview, AppealDue, "the code book's usual route is"),

        // Unknown
        ["CO-Z9 unknown code → manual review"] = new(Denied("CO", "Z9"), Records(),
            DenialCategory.Other, ResolutionAction.ManualReview, AppealDue, "CARC Z9 is unknown to the code book"),
        // Issue #17 §3: Original Medicare corrects clerical errors on a processed claim by a reopening (42 CFR 405.980), not a
        // replacement claim or a redetermination; the field is derived from the claim as submitted against the remittance.
        ["CO-4 Medicare, payer dropped modifier 25 → reopening of the modifier, not an appeal"] = new(Denied("CO", "4", modifiers: [], filing: "MB"),
            Records(r => r with { Payer = Medicare }),
            DenialCategory.Coding, ResolutionAction.RequestReopening, MedicareReopeningDue, "Field: the modifier of line 1 (99213), processed as none; it should be 25"),
        ["CO-11 Medicare, documented diagnosis missing from the claim → reopening of the diagnosis, not a corrected claim"] = new(Denied("CO", "11", filing: "MB"),
            Records(r => r with { Payer = Medicare, Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }] }),
            DenialCategory.Coding, ResolutionAction.RequestReopening, MedicareReopeningDue, "Field: the diagnosis of line 1 (99213), processed as M54.50; it should be M54.50, M51.16"),
        // Part A (an 837I claim) within timely filing: an adjustment bill (type of bill xx7), not a reopening (ch. 34 §10.4.1).
        ["CO-11 Medicare Part A within timely filing → adjustment bill (corrected claim), not a reopening"] = new(Denied("CO", "11", filing: "MA"),
            Records(r => r with { Payer = Medicare, Claim = Submitted(c => c with { Institutional = true, ServiceDateEnd = Dos }), Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }] }),
            DenialCategory.Coding, ResolutionAction.CorrectedClaim, new DateOnly(2026, 1, 15), "corrected by an adjustment bill (type of bill xx7)"),
        ["CO-11 Medicare Part A past timely filing → reopening"] = new(Denied("CO", "11", filing: "MA"),
            Records(r => r with { Payer = Medicare, Claim = Submitted(c => c with { Institutional = true, ServiceDateEnd = new DateOnly(2024, 1, 10) }), Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }] }),
            DenialCategory.Coding, ResolutionAction.RequestReopening, MedicareReopeningDue, "Field: the diagnosis of line 1 (99213)"),
        ["CO-185 Medicare rendering NPI differs from the profile → reopening of the rendering NPI"] = new(Denied("CO", "185", filing: "MB"),
            Records(r => r with { Payer = Medicare, Claim = Submitted(c => c with { RenderingNpi = "1245319599" }) }),
            DenialCategory.ProviderEnrollment, ResolutionAction.RequestReopening, MedicareReopeningDue, "processed as 1245319599; it should be 1234567893 (Ana Lee)"),
        ["CO-18 Medicare, no earlier payment on the remittances → reopening, not an appeal"] = new(Denied("CO", "18", filing: "MB"),
            Records(r => r with { Payer = Medicare, EarlierPaymentsChecked = true }),
            DenialCategory.Duplicate, ResolutionAction.RequestReopening, MedicareReopeningDue, "processed as denied as a duplicate; it should be paid: no earlier payment"),
        ["CO-18 Medicare, earlier paid claim → no action (a true duplicate is not reopened)"] = new(Denied("CO", "18", filing: "MB"),
            Records(r => r with { Payer = Medicare, EarlierPaidServices = [new PaidService { ClaimId = "PCN099", Procedure = "99213", ServiceDate = Dos, Paid = 95m }] }),
            DenialCategory.Duplicate, ResolutionAction.NoAction, null, "this is a true duplicate"),
        ["CO-18 Medicare, payments not looked up → manual review on the reopening clock, no claim of a check"] = new(Denied("CO", "18", filing: "MB"),
            Records(r => r with { Payer = Medicare }),
            DenialCategory.Duplicate, ResolutionAction.ManualReview, MedicareReopeningDue, "could not be checked"),
        ["CO-4 Medicare Advantage (commercial rules), payer dropped modifier → appeal, no reopening"] = new(Denied("CO", "4", modifiers: [], filing: "16"),
            Records(r => r with { Payer = Medicare with { PayerKind = PayerKind.MedicareAdvantage } }),
            DenialCategory.Coding, ResolutionAction.Appeal, new DateOnly(2025, 5, 14), "the remittance shows none"),
        ["CO-185 billing NPI differs (no rendering NPI) → void (8) and a new claim (1), not a replacement"] = new(Denied("CO", "185"),
            Records(r => r with { Claim = Submitted(c => c with { BillingNpi = "1245319599" }) }),
            DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, FilingDue, "a replacement claim (frequency 7) cannot change it"),

        ["No submitted claim, CO-197 → retro-authorization still decided"] = new(Denied("CO", "197"), Records(r => r with { Claim = null }),
            DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, AppealDue, "No submitted claim is on file for patient control number PCN100"),
    };

    public static TheoryData<string> Names() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Decide_Scenario(string name)
    {
        var s = Cases[name];
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 14, 0, 0, TimeSpan.Zero));
        var researcher = new DenialResearcher(Codes, time);

        var result = researcher.Decide(s.Claim, s.Tx ?? Tx(Paid), s.Records);

        Assert.Equal(s.Category, result.Category);
        Assert.Equal(s.Action, result.Action);
        Assert.Equal(s.Deadline, result.Deadline?.Date);
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains(s.Evidence, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(result.Summary));
        Assert.Equal(time.GetUtcNow(), result.ResearchedAt);
    }

    [Fact]
    public void Scenarios_CoverEveryCategoryAndAction()
    {
        Assert.True(Cases.Count >= 25);
        var categories = Cases.Values.Select(c => c.Category).ToHashSet();
        foreach (var c in Enum.GetValues<DenialCategory>().Where(c => c != DenialCategory.Other))
            Assert.Contains(c, categories);
        var actions = Cases.Values.Select(c => c.Action).ToHashSet();
        Assert.Equal(Enum.GetValues<ResolutionAction>().ToHashSet(), actions);
    }

    [Fact]
    public void Decide_BillingNpiCorrection_IsAVoidAndANewClaim_NotAReplacement()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));

        var result = researcher.Decide(Denied("CO", "16", remarks: ["N257"]), Tx(Paid), Records(OtherBillingNpi));

        Assert.Equal(ResolutionAction.CorrectedClaim, result.Action);
        Assert.StartsWith("Void the claim (frequency 8", result.Summary, StringComparison.Ordinal);
        Assert.Contains("new claim (frequency 1)", result.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("frequency 7", result.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Void the claim (frequency 8", result.Corrections[0], StringComparison.Ordinal);
        Assert.True(result.VoidsOriginal);
        Assert.Equal("1", result.ClaimFrequency);
        Assert.Contains(result.Evidence, e => e.Check == "Void and new claim");
    }

    [Fact]
    public void Decide_MedicareAdvantage_NonContracted_EnclosesTheWaiverOfLiability_OnlyForADenial()
    {
        var denial = Decide(Denied("CO", "50"), Records(r => r with { Payer = Advantage(false), Encounters = [Documented] }));
        Assert.Contains(denial.Enclosures, e => e.StartsWith("Signed Waiver of Liability", StringComparison.Ordinal));
        Assert.StartsWith("Reconsideration (non-contracted provider", denial.Summary, StringComparison.Ordinal);

        var contracted = Decide(Denied("CO", "50"), Records(r => r with { Payer = Advantage(true), Encounters = [Documented] }));
        Assert.DoesNotContain(contracted.Enclosures, e => e.StartsWith("Signed Waiver of Liability", StringComparison.Ordinal));
        var amount = Decide(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m),
            Records(r => r with { Payer = Advantage(false), ContractRates = [new ContractRate("ACME01", "99213", 95m)] }));
        Assert.DoesNotContain(amount.Enclosures, e => e.StartsWith("Signed Waiver of Liability", StringComparison.Ordinal));
    }

    // 42 CFR 405.980(c): a reopening on request within 1 year of the initial determination; within 4 years for good cause
    // (405.986: new and material evidence, or an obvious error on the face of the evidence the contractor considered).
    [Theory]
    [InlineData(2025, 3, 15, false)] // days after the remittance: the year for a reopening on request
    [InlineData(2026, 9, 15, true)]  // 18 months after: only good cause, which the payer's own dropped modifier gives
    public void Decide_MedicareReopening_OfTheContractorsError_AfterTheFirstYear_RunsOnTheGoodCauseWindow(int year, int month, int day, bool late)
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "4", modifiers: [], filing: "MB"), Tx(Paid), Records(r => r with { Payer = Medicare }));

        Assert.Equal(ResolutionAction.RequestReopening, result.Action);
        Assert.Equal(late ? new DateOnly(2029, 3, 10) : MedicareReopeningDue, result.Deadline!.Date); // + 4 years / + 1 year
        Assert.Equal(late, result.ClericalError!.GoodCause is not null);
        if (!late) return;
        Assert.Contains("405.980(c)(2)", result.Deadline.Explanation, StringComparison.Ordinal);
        Assert.Contains("obvious error on the face of the evidence", result.ClericalError.GoodCause, StringComparison.Ordinal);
        Assert.Equal(result.ClericalError, Assert.Single(result.Lines, l => l.DrivesAction).ClericalError);
        Assert.DoesNotContain(result.Evidence, e => e.Check == "Deadline" && !e.Found);
    }

    [Fact]
    public void Decide_MedicareReopening_OfAnErrorInTheClaimAsBilled_AfterTheFirstYear_HasNoGoodCause()
    {
        // A documented diagnosis the claim left off is the biller's error, not the contractor's: no good cause after the year.
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2026, 9, 15, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "11", filing: "MB"), Tx(Paid),
            Records(r => r with { Payer = Medicare, Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }] }));

        Assert.Equal(ResolutionAction.RequestReopening, result.Action);
        Assert.Equal(MedicareReopeningDue, result.Deadline!.Date);
        Assert.True(result.Deadline.DaysLeft < 0);
        Assert.Contains(result.Evidence, e => e.Check == "Deadline" && !e.Found);
        Assert.Null(result.ClericalError!.GoodCause);
    }

    [Fact]
    public void Decide_MedicareReopening_CarriesTheClericalErrorAndAsksTheCoderWhenTheRightValueIsUnknown()
    {
        // CO-5 (procedure does not fit the place of service): the records do not hold the right place of service.
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));
        var claim = Denied("CO", "5", filing: "MB");
        var result = researcher.Decide(claim, Tx(Paid), Records(r => r with { Payer = Medicare, Encounters = [Documented] }));

        Assert.Equal(ResolutionAction.RequestReopening, result.Action);
        var error = Assert.IsType<ClericalError>(result.ClericalError);
        Assert.Null(error.Corrected);
        Assert.Equal("line 1 (99213)", error.Where);
        Assert.Contains(result.Evidence, e => e.Check == "Reopening" && !e.Found && e.Conclusion.Contains("the coder enters it", StringComparison.Ordinal));
        Assert.Equal(error, Assert.Single(result.Lines, l => l.DrivesAction && l.LineIndex == 0).ClericalError);
    }

    [Fact]
    public void Decide_SeveralCarcs_PicksLargestAndKeepsAllInEvidenceAndLines()
    {
        var claim = Claim("PCN100", "4", 230m, 0m,
            [
                Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
                Line("97110", 80m, 0m, Dos, "L2", ["GP"], [Cas("CO", "16", 80m)], ["N290"]),
            ]);
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));

        var result = researcher.Decide(claim, Tx(Paid), Records());

        Assert.Equal("197", result.Reason);
        Assert.Equal(ResolutionAction.RequestRetroAuthorization, result.Action);
        Assert.Equal(230m, result.DeniedAmount);
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains("CO-197 $150.00 on line(s) 1; CO-16 $80.00 on line(s) 2; CO-197 is dominant", StringComparison.Ordinal));
        Assert.Equal(2, result.Lines.Count);
        Assert.Equal(ResolutionAction.CorrectedClaim, result.Lines[1].Action);
        Assert.Equal(DenialCategory.MissingInformation, result.Lines[1].Category);
    }

    private static readonly Authorization AuthorizationFor99213 =
        new() { Number = "PA-778", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) };

    private static ResearchResult Decide(ClaimPayment claim, RecordsSnapshot records) =>
        new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero))).Decide(claim, Tx(Paid), records);

    [Fact]
    public void Decide_TwoWorkableCarcsOnOneLine_DecidesEach_WithItsOwnFacts()
    {
        // Line 1: CO-197 (an authorization is on file) and CO-16 with M51 (the submitted line holds the procedure code).
        var claim = Denied("CO", "197", amount: 100m, remarks: ["M51"], extra: [Cas("CO", "16", 20m)]);
        var result = Decide(claim, Records(r => r with { Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-778" }), Authorizations = [AuthorizationFor99213] }));

        var line = result.Lines.Where(l => l.LineIndex == 0).ToList();
        Assert.Equal([("CO", "197", 100m, true), ("CO", "16", 20m, false)], line.Select(l => (l.Group, l.Reason, l.Amount, l.DrivesAction)));
        var auth = line[0];
        Assert.Equal((DenialCategory.Authorization, ResolutionAction.Appeal, "PA-778"), (auth.Category, auth.Action, auth.AuthorizationNumber));
        Assert.Contains(auth.Enclosures, e => e.Contains("PA-778", StringComparison.Ordinal));
        Assert.Contains(auth.Evidence, e => e.Check == "Authorization on file" && e.Found);
        Assert.Empty(auth.Corrections);
        var missing = line[1];
        Assert.Equal((DenialCategory.MissingInformation, ResolutionAction.ManualReview), (missing.Category, missing.Action));
        Assert.Empty(missing.Corrections); // the claim as sent carried 99213: verified, not sent again
        Assert.Contains(missing.Evidence, e => e.Conclusion.Contains("Remark M51 names procedure code, but the claim as sent carried it", StringComparison.Ordinal));
        Assert.DoesNotContain(missing.Evidence, e => e.Check == "Authorization on file");
        Assert.Null(missing.AuthorizationNumber);
        Assert.Empty(missing.Enclosures);

        // The claim's result is the dominant reason's, as before: CO-16's own checks are on its decision, not the claim's.
        Assert.Equal(("CO", "197", DenialCategory.Authorization, ResolutionAction.Appeal, 120m), (result.Group, result.Reason, result.Category, result.Action, result.DeniedAmount));
        Assert.Equal("PA-778", result.AuthorizationNumber);
        Assert.Empty(result.Corrections);
        Assert.DoesNotContain(result.Evidence, e => e.Conclusion.Contains("Remark M51 names procedure code", StringComparison.Ordinal));
        Assert.Equal(AppealDue, result.Deadline?.Date);
    }

    [Fact]
    public void Decide_TheLinesLargestWorkableReasonDrivesIt_EvenWhenTheDominantReasonIsSmallerThere()
    {
        // CO-197 dominates the claim (line 1), but on line 2 CO-50 is larger: CO-50 drives line 2, CO-197 is still decided there.
        var claim = Claim("PCN100", "4", 230m, 0m,
            [
                Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
                Line("97110", 80m, 0m, Dos, "L2", ["GP"], [Cas("CO", "50", 60m), Cas("CO", "197", 20m)]),
            ]);
        var result = Decide(claim, Records(r => r with { Encounters = [Documented] }));

        Assert.Equal(("197", ResolutionAction.RequestRetroAuthorization), (result.Reason, result.Action));
        Assert.Equal([(0, "197", true), (1, "50", true), (1, "197", false)], result.Lines.Select(l => (l.LineIndex!.Value, l.Reason, l.DrivesAction)));
        Assert.Equal((DenialCategory.MedicalNecessity, ResolutionAction.Appeal), (result.Lines[1].Category, result.Lines[1].Action));
        Assert.Equal((DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization), (result.Lines[2].Category, result.Lines[2].Action));
        Assert.Contains("97110", result.Lines[2].Evidence.Single().Conclusion, StringComparison.Ordinal);
        Assert.Single(result.Lines, l => l.LineIndex == 1 && l.DrivesAction);
    }

    [Fact]
    public void Decide_ClaimLevelAndLineLevelReasons_EachPlaceDecidesEveryReason()
    {
        // Claim level: CO-50 and CO-16 (N290: the provider profile holds the NPI). Line 1: CO-197 and CO-11.
        var claim = Claim("PCN100", "4", 230m, 0m,
            [
                Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 100m), Cas("CO", "11", 50m)]),
                Line("97110", 80m, 80m, Dos, "L2", ["GP"]),
            ],
            [Cas("CO", "50", 40m, AdjustmentLevel.Claim), Cas("CO", "16", 10m, AdjustmentLevel.Claim)], remarks: ["N290"]);
        var result = Decide(claim, Records(r => r with
        {
            Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-778" }),
            Authorizations = [AuthorizationFor99213],
            Encounters = [Documented with { DiagnosisCodes = ["M54.50", "M51.16"] }],
        }));

        Assert.Equal([(null, "50", true), (null, "16", false), (0, "197", true), (0, "11", false)],
            result.Lines.Select(l => (l.LineIndex, l.Reason, l.DrivesAction)));
        var byReason = result.Lines.ToDictionary(l => l.Reason);
        Assert.Equal((ResolutionAction.Appeal, 40m), (byReason["50"].Action, byReason["50"].Amount));
        Assert.Contains("Progress note 2025-01-15", byReason["50"].Enclosures);
        Assert.Equal((ResolutionAction.CorrectedClaim, 10m), (byReason["16"].Action, byReason["16"].Amount));
        Assert.Equal(["Supply rendering provider NPI 1234567893 (provider profile)"], byReason["16"].Corrections);
        Assert.Equal(("PA-778", ResolutionAction.Appeal), (byReason["197"].AuthorizationNumber, byReason["197"].Action));
        Assert.Equal(ResolutionAction.CorrectedClaim, byReason["11"].Action);
        Assert.Contains(byReason["11"].Corrections, c => c.Contains("M51.16", StringComparison.Ordinal));
        Assert.Null(byReason["11"].AuthorizationNumber);
    }

    [Fact]
    public void Decide_PatientResponsibilityAndContractualAdjustments_GetNoDecisionOfTheirOwn()
    {
        // Line 1: CO-197 with PR-2 and CO-45 beside it. Line 2: only PR-1 and CO-45 — nothing workable, so its largest
        // adjustment drives it (as before decisions were made per reason), and nothing else is decided.
        var claim = Claim("PCN100", "4", 230m, 0m,
            [
                Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 70m), Cas("PR", "2", 30m), Cas("CO", "45", 50m)]),
                Line("97110", 80m, 10m, Dos, "L2", ["GP"], [Cas("PR", "1", 20m), Cas("CO", "45", 50m)]),
            ]);
        var result = Decide(claim, Records(r => r with { Claim = Submitted(c => c with { PriorAuthorizationNumber = "PA-778" }), Authorizations = [AuthorizationFor99213] }));

        Assert.Equal([(0, "CO", "197", 70m, true), (1, "CO", "45", 50m, true)],
            result.Lines.Select(l => (l.LineIndex!.Value, l.Group, l.Reason, l.Amount, l.DrivesAction)));
        Assert.Equal(DenialCategory.Contractual, result.Lines[1].Category);
    }

    [Fact]
    public void Decide_EqualAmounts_BreaksTieBySeverity()
    {
        var claim = Claim("PCN100", "4", 230m, 0m, [Line("99213", 100m, 0m, Dos, "L1", ["25"], [Cas("CO", "16", 100m), Cas("CO", "29", 100m)])]);
        var result = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero))).Decide(claim, Tx(Paid), Records());
        Assert.Equal("29", result.Reason);
    }

    [Fact]
    public void Decide_CorrectedClaim_ListsCorrections()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "97"), Tx(Paid),
            Records(r => r with { Encounters = [Documented with { DistinctServices = [new DistinctService("99213", DistinctReason.SeparateEncounter)] }] }));
        Assert.Equal(["Add modifier XE to line 1 (99213)"], result.Corrections);
        Assert.Equal(ClaimElement.Modifier, result.MissingElement);
    }

    [Fact]
    public void Decide_MedicalNecessityAppeal_ListsEnclosures()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "50", remarks: ["N115"]), Tx(Paid), Records(r => r with { Encounters = [Documented] }));
        Assert.Contains("Progress note 2025-01-15", result.Enclosures);
        Assert.Contains(result.Enclosures, e => e.Contains("Local Coverage Determination", StringComparison.Ordinal));
        Assert.Contains(result.Enclosures, e => e.Contains("medical necessity", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_Priority_IsAmountTimesLikelihoodTimesUrgency()
    {
        // Appeal window 90 days from 2025-03-10 = 2025-06-08; today 2025-06-03 → 5 days left → urgency 3.
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "50"), Tx(Paid), Records(r => r with { Encounters = [Documented] }));
        var likelihood = Codes.Carc("50").RecoveryLikelihood;
        Assert.Equal(5, result.Deadline!.DaysLeft);
        Assert.Equal(3.0m, result.Priority.Urgency);
        Assert.Equal(likelihood, result.Priority.RecoveryLikelihood);
        Assert.Equal(150m, result.Priority.Amount);
        Assert.Equal(Math.Round(150m * likelihood * 3.0m, 2), result.Priority.Score);
        Assert.Contains("× urgency 3.0 (5 day(s) left", result.Priority.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WriteOff_HasZeroPriority()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "29"), Tx(Paid), Records());
        Assert.Equal(0m, result.Priority.Score);
        Assert.Equal(150m, result.DeniedAmount);
    }

    [Fact]
    public void Decide_UnderpaymentDeniedAmount_IsTheShortfall()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 0, 0, 0, TimeSpan.Zero)));
        var result = researcher.Decide(Denied("CO", "45", amount: 70m, paid: 80m, allowed: 80m), Tx(Paid), Records(r => r with { ContractRates = [new ContractRate("ACME01", "99213", 95m)] }));
        Assert.Equal(15m, result.DeniedAmount);
    }

    [Fact]
    public void Decide_NoAdjustments_IsManualReviewNotAThrow()
    {
        var claim = Claim("PCN100", "4", 100m, 0m, [Line("99213", 100m, 0m, Dos, "L1")]);
        var result = new DenialResearcher(Codes, TimeProvider.System).Decide(claim, Tx(Paid), RecordsSnapshot.Empty);
        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        // Denied outright, no reason given: the whole unpaid charge is in dispute, as the case was opened with.
        Assert.Equal(100m, result.DeniedAmount);
    }
}
