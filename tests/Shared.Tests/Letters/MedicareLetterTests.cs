using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;
using PayerKind = DenialPipeline.Research.Records.PayerKind;

namespace DenialPipeline.Tests.Letters;

/// <summary>
/// Issue 17 §3 and §5, drafted from real research results: the Medicare reopening request (clerical errors, the CO-29
/// contractor-error path), the later levels' letters to the QIC and OMHA, and the void-plus-new-claim cover letter.
/// </summary>
public sealed class MedicareLetterTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));
    private static readonly LetterContextFactory Factory = new(Codes, Options.Create(new LetterOptions { SignerName = "Jo Lee", SignerTitle = "Coder" }));
    private static readonly LetterRenderer Renderer = new(new LetterRendererOptions());

    private static readonly PayerProfile Medicare = new()
    {
        PayerId = "MCARE", Name = "Noridian JF Part B", PayerKind = PayerKind.Medicare, AppealAddress = "Redeterminations, PO Box 6700, Fargo ND 58108",
    };

    private static readonly SubmittedClaim Submitted = new()
    {
        ClaimId = "PCN300", Patient = new PersonIdentity { MemberId = "1EG4TE5MK73" }, PayerId = "MCARE", BillingNpi = "1234567893", ServiceDateStart = Dos,
        DiagnosisCodes = ["M54.50"],
        Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = ["25"], Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" }],
    };

    private static ClaimPayment Denied(string reason, string[]? modifiers = null, string[]? remarks = null, decimal amount = 150m) =>
        Claim("PCN300", "4", amount, 0m, [Line("99213", amount, 0m, Dos, "L1", modifiers ?? ["25"], [Cas("CO", reason, amount)], remarks)], filing: "MB", start: Dos);

    private static (ResearchResult Research, IReadOnlyList<LetterType> Types, LetterContext Context) Draft(ClaimPayment claim, RecordsSnapshot records, int level = 1)
    {
        var research = Researcher.Decide(claim, Tx(Paid), records);
        var context = Factory.Create("case-m", Tx(Paid), claim, research, records, new DateOnly(2025, 3, 15)) with { AppealLevel = level };
        return (research, LetterPlanner.LettersForCase(research, context.Payer?.Kind, level), context);
    }

    [Fact]
    public void DroppedModifier_OnMedicare_DraftsAReopeningRequest_NamingTheFieldAndItsValues()
    {
        var (research, types, context) = Draft(Denied("4", modifiers: []), new RecordsSnapshot { Claim = Submitted, Payer = Medicare });

        Assert.Equal(ResolutionAction.RequestReopening, research.Action);
        Assert.Equal([LetterType.MedicareReopeningRequest], types);
        var letter = Renderer.Render(LetterType.MedicareReopeningRequest, LetterContextFactory.ForLetter(context, types[0], research));

        Assert.Contains("<tr><th>Field in error</th><td>modifier</td></tr>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>As processed</th><td>none</td></tr>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Correct value</th><td>25</td></tr>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("by March 10, 2026", letter.Html, StringComparison.Ordinal); // 1 year from the initial determination
        Assert.DoesNotContain("frequency code 7", letter.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(letter.MissingFields, f => f.Path.StartsWith("reopening", StringComparison.Ordinal) || f.Path.StartsWith("denialReasons", StringComparison.Ordinal));
        Assert.Contains("it should be 25", context.DenialReasons.Single().Rebuttal, StringComparison.Ordinal);
    }

    [Fact]
    public void DroppedModifier_OnMedicare_AfterTheFirstYear_AsksForAReopeningForGoodCause()
    {
        var researcher = new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(2026, 9, 15, 9, 0, 0, TimeSpan.Zero)));
        var claim = Denied("4", modifiers: []);
        var records = new RecordsSnapshot { Claim = Submitted, Payer = Medicare };
        var research = researcher.Decide(claim, Tx(Paid), records);
        var context = Factory.Create("case-g", Tx(Paid), claim, research, records, new DateOnly(2026, 9, 15));
        var letter = Renderer.Render(LetterType.MedicareReopeningRequest, LetterContextFactory.ForLetter(context, LetterType.MedicareReopeningRequest, research));

        Assert.Contains("more than one year after the initial determination and within four years, by March 10, 2029, for good cause (42 CFR 405.980(c)(2)): " +
            "the claim the contractor processed carried modifier 25 on line 1 (99213)", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("within one year of the initial determination", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(letter.MissingFields, f => f.Path.StartsWith("reopening", StringComparison.Ordinal));
    }

    [Fact]
    public void MedicalNecessityDenial_WithAValidAbnOnFile_RedeterminationAsksToAddGA_AndEnclosesTheAbn()
    {
        var abn = new AdvanceNotice { Id = "ABN-9", MemberId = "1EG4TE5MK73", ProcedureCodes = ["99213"], SignedDate = Dos.AddDays(-3), Option = 1 };
        var (research, types, context) = Draft(Denied("50"),
            new RecordsSnapshot { Claim = Submitted, Payer = Medicare, AdvanceNotices = [abn], AdvanceNoticesChecked = true });

        Assert.Equal(ResolutionAction.Appeal, research.Action);
        Assert.Equal([LetterType.MedicareRedetermination], types);
        var letter = Renderer.Render(LetterType.MedicareRedetermination, LetterContextFactory.ForLetter(context, types[0], research));

        Assert.Contains("the beneficiary signed an Advance Beneficiary Notice (form CMS-R-131)", letter.Html, StringComparison.Ordinal);
        Assert.Contains("billed without modifier GA", letter.Html, StringComparison.Ordinal);
        Assert.Contains("We ask the Medicare contractor to add modifier GA to the line(s) named above and reprocess the claim, assigning liability for the denied amount to the beneficiary.",
            letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("pay the denied amount", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Signed Advance Beneficiary Notice (form CMS-R-131) of 2025-01-12 listing 99213", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("1EG4TE5MK73", context.DenialReasons.Single().Rebuttal ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void ReopeningRequest_NamesTheBillingProvidersPtan_WhenItsProfileHasOne_AndAsksNothingWhenNot()
    {
        var billing = new ProviderProfile { Npi = "1234567893", Name = "Riverside Clinic", Ptan = "AB12345" };
        var rendering = new ProviderProfile { Npi = "1922334457", Name = "Lisa Chen", Ptan = "ZZ99999" };
        var (research, types, context) = Draft(Denied("4", modifiers: []),
            new RecordsSnapshot { Claim = Submitted, Payer = Medicare, Provider = rendering, BillingProvider = billing });
        var letter = Renderer.Render(types[0], LetterContextFactory.ForLetter(context, types[0], research));
        Assert.Contains("(NPI 1234567893, PTAN AB12345)", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZ99999", letter.Html, StringComparison.Ordinal); // the rendering provider's PTAN is not the billing one's

        var (r2, t2, c2) = Draft(Denied("4", modifiers: []), new RecordsSnapshot { Claim = Submitted, Payer = Medicare, Provider = rendering });
        var without = Renderer.Render(t2[0], LetterContextFactory.ForLetter(c2, t2[0], r2));
        Assert.DoesNotContain("PTAN", without.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(without.MissingFields, f => f.Path == "provider.ptan");
    }

    [Fact]
    public void FeeScheduleUnderpayment_OnMedicare_AsksForAReopeningOfTheAllowedAmount_NotARedetermination()
    {
        var claim = Claim("PCN300", "1", 150m, 64m, [Line("99213", 150m, 64m, Dos, "L1", ["25"], [Cas("CO", "45", 70m), Cas("PR", "2", 16m)], allowed: 80m)], filing: "MB", start: Dos);
        var (research, types, context) = Draft(claim, new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare, ContractRates = [new ContractRate("MCARE", "99213", 95m)],
        });

        Assert.Equal((ResolutionAction.RequestReopening, 15m), (research.Action, research.DeniedAmount));
        Assert.Equal([LetterType.MedicareReopeningRequest], types);
        var letter = Renderer.Render(types[0], LetterContextFactory.ForLetter(context, types[0], research));
        Assert.Contains("<tr><th>Field in error</th><td>allowed amount</td></tr>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>As processed</th><td>$80.00</td></tr>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<tr><th>Correct value</th><td>$95.00</td></tr>", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ClericalErrorWhoseRightValueIsUnknown_AsksTheCoder_NeverGuesses()
    {
        var records = new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare,
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"] }],
        };
        var (research, types, context) = Draft(Denied("5"), records); // CARC 5: place of service

        Assert.Equal([LetterType.MedicareReopeningRequest], types);
        var letter = Renderer.Render(types[0], context);

        Assert.Contains(letter.MissingFields, f => f.Path == "reopening.corrected");
        Assert.Null(context.DenialReasons.Single().Rebuttal);
        Assert.Equal("place of service", research.ClericalError!.Field);
    }

    [Fact]
    public void MedicareTimelyFilingWithTimelyAcceptance_UsesTheSameReopeningRequest()
    {
        var records = new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare,
            SubmissionProofs = [new SubmissionProof { ClaimId = "PCN300", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Reference = "ACK-9" }],
        };
        var (research, types, context) = Draft(Denied("29"), records);

        Assert.Equal(ResolutionAction.RequestReopening, research.Action);
        Assert.Equal([LetterType.MedicareReopeningRequest], types);
        var html = Renderer.Render(types[0], context).Html;
        Assert.Contains("timely filing denial (CARC 29)", html, StringComparison.Ordinal);
        Assert.Contains("accepted on 2025-01-20", html, StringComparison.Ordinal);
        Assert.Contains("ACK-9", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Level2_GoesToTheQicNamedOnTheNotice_ShownAsNeedsInputUntilEntered_NeverTheMac()
    {
        var records = new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare,
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"] }],
        };
        var (research, types, context) = Draft(Denied("50"), records, level: 2);

        Assert.Equal([LetterType.MedicareReconsideration], types);
        var letter = Renderer.Render(types[0], context);
        Assert.Contains(letter.MissingFields, f => f.Path == "appealOffice.name" && f.Label.Contains("QIC named on the redetermination notice", StringComparison.Ordinal));
        Assert.Contains(letter.MissingFields, f => f.Path == "appealOffice.address");
        Assert.DoesNotContain("Fargo", letter.Recipient.Address ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("Redeterminations", letter.Html, StringComparison.Ordinal);
        Assert.Equal(DeliveryChannel.Unknown, letter.Recipient.Channel);

        // Once the coder enters the QIC from the notice, the letter is addressed to it.
        var entered = Renderer.Render(types[0], context with
        {
            AppealOffice = new AppealOffice { Name = "C2C Innovative Solutions", Address = new PostalAddress("PO Box 45300", null, "Jacksonville", "FL", "32232") },
        });
        Assert.DoesNotContain(entered.MissingFields, f => f.Path.StartsWith("appealOffice", StringComparison.Ordinal));
        Assert.Contains("Jacksonville", entered.Recipient.Address, StringComparison.Ordinal);
        Assert.NotNull(research.Deadline);
    }

    [Fact]
    public void Level3_AljHearingRequest_StatesTheAmountInControversyAndTheYearsThreshold()
    {
        var research = Researcher.Decide(Denied("50", amount: 250m), Tx(Paid), new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare,
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"] }],
        });
        research = MedicareAppealLevels.Apply(research, 3, Paid, new DateOnly(2025, 3, 15), Researcher);
        var context = Factory.Create("case-m", Tx(Paid), Denied("50", amount: 250m), research, new RecordsSnapshot { Claim = Submitted, Payer = Medicare }, new DateOnly(2025, 3, 15))
            with { AppealLevel = 3 };

        Assert.Equal([LetterType.AljHearingRequest], LetterPlanner.LettersForCase(research, context.Payer?.Kind, 3));
        var letter = Renderer.Render(LetterType.AljHearingRequest, context);
        Assert.Contains("The amount in controversy, $250.00, meets the 2025 threshold for an ALJ hearing of $190.00", letter.Html.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(letter.MissingFields, f => f.Path == "appealOffice.name");
    }

    [Fact]
    public void Level4_CouncilReviewRequest_GoesToTheCouncilTheNoticeNames_AndStatesWhatIsDisputed()
    {
        var records = new RecordsSnapshot
        {
            Claim = Submitted, Payer = Medicare,
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"] }],
        };
        var research = MedicareAppealLevels.Apply(Researcher.Decide(Denied("50"), Tx(Paid), records), 4, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 15), Researcher);
        var context = Factory.Create("case-m", Tx(Paid), Denied("50"), research, records, new DateOnly(2025, 3, 15)) with { AppealLevel = 4 };

        Assert.Equal([LetterType.CouncilReviewRequest], LetterPlanner.LettersForCase(research, context.Payer?.Kind, 4));
        Assert.Equal("Medicare Appeals Council review, 60 days from receipt", research.Deadline!.Rule);
        var letter = Renderer.Render(LetterType.CouncilReviewRequest, context);
        Assert.Contains("Request for Review by the Medicare Appeals Council", letter.Html, StringComparison.Ordinal);
        Assert.Contains("42 CFR 405.1112(b)", letter.Html, StringComparison.Ordinal);
        Assert.Contains("by May 5, 2025", letter.Html, StringComparison.Ordinal); // decision 03-01, receipt 03-06, + 60 days
        Assert.Contains(letter.MissingFields, f => f.Path == "appealOffice.name" && f.Label.Contains("Medicare Appeals Council", StringComparison.Ordinal));
        Assert.DoesNotContain("Redeterminations", letter.Html, StringComparison.Ordinal); // not the MAC's address

        Assert.Contains(research.Evidence, e => e.Check == "Appeal level" && e.Conclusion.Contains("405.1112", StringComparison.Ordinal));

        // Level 5 is a civil action: the case goes to counsel, with no letter.
        var court = MedicareAppealLevels.Apply(Researcher.Decide(Denied("50"), Tx(Paid), records), 5, new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 15), Researcher);
        Assert.Equal(ResolutionAction.ManualReview, court.Action);
        Assert.Contains(court.Evidence, e => e.Check == "Appeal level" && e.Conclusion.Contains("federal district court", StringComparison.Ordinal));
        Assert.Empty(LetterPlanner.LettersForCase(court, context.Payer?.Kind, 5));
    }

    [Fact]
    public void BillingNpiChange_CoverLetterSaysVoidAndNewClaim_NotAReplacement()
    {
        // The claim went out under another billing NPI than the practice's profile holds: the billing provider changes.
        var records = new RecordsSnapshot
        {
            Claim = Submitted, Payer = new PayerProfile { PayerId = "ACME01", Name = "Acme", PayerKind = PayerKind.Commercial },
            BillingProvider = new ProviderProfile { Npi = "1497758544", Name = "Riverside Family Medicine" },
        };
        var claim = Claim("PCN300", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "16", 150m)], ["N257"])], start: Dos);
        var (research, types, context) = Draft(claim, records);

        Assert.Equal([LetterType.CorrectedClaimCover], types);
        Assert.True(research.VoidsOriginal);
        var letter = Renderer.Render(types[0], context);
        Assert.Contains("Void and New Claim", letter.Html, StringComparison.Ordinal);
        Assert.Contains("frequency code <strong>8</strong>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("frequency code <strong>1</strong>", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("frequency code <strong>7</strong>", letter.Html, StringComparison.Ordinal);
        Assert.StartsWith("Void of claim", letter.Subject, StringComparison.Ordinal);
        Assert.Contains("void the original claim (frequency code 8)", context.ActionRequested, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelyFilingRebuttal_CitesTheAcceptanceResearchUsed_NotAnEarlier999()
    {
        var records = new RecordsSnapshot
        {
            Claim = Submitted with { PayerId = "ACME01" },
            Payer = new PayerProfile { PayerId = "ACME01", Name = "Acme", PayerKind = PayerKind.Commercial, AppealWindowDays = 90, TimelyFilingDays = 120 },
            SubmissionProofs =
            [
                new SubmissionProof { ClaimId = "PCN300", AcceptedDate = new(2025, 1, 16), Source = ProofSource.Ack999, Reference = "999-1" },
                new SubmissionProof { ClaimId = "PCN300", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Reference = "ACK-55" },
            ],
        };
        var claim = Claim("PCN300", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "29", 150m)])], start: Dos);
        var (research, _, context) = Draft(claim, records);

        Assert.Equal(ResolutionAction.Appeal, research.Action);
        var rebuttal = context.DenialReasons.Single().Rebuttal!;
        Assert.Contains("accepted on 01/20/2025", rebuttal, StringComparison.Ordinal);
        Assert.Contains("ACK-55", rebuttal, StringComparison.Ordinal);
        Assert.DoesNotContain("01/16/2025", rebuttal, StringComparison.Ordinal);
        Assert.DoesNotContain("999", rebuttal, StringComparison.Ordinal);
    }

    [Fact]
    public void LetterTexts_StateOnlyWhatResearchChecked()
    {
        // CO-11 with the billed diagnoses as documented: research compared codes, it did not judge that they support the procedure.
        var records = new RecordsSnapshot
        {
            Claim = Submitted with { PayerId = "ACME01" },
            Payer = new PayerProfile { PayerId = "ACME01", Name = "Acme", PayerKind = PayerKind.Commercial },
            Encounters = [new EncounterRecord { Id = "E1", Date = Dos, DocumentationPresent = true, Documents = ["Progress note"], DiagnosisCodes = ["M54.50"] }],
        };
        var claim = Claim("PCN300", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "11", 150m)])], start: Dos);
        var (research, _, context) = Draft(claim, records);
        Assert.Equal(ResolutionAction.Appeal, research.Action);
        var rebuttal = context.DenialReasons.Single().Rebuttal!;
        Assert.Contains("are the ones documented", rebuttal, StringComparison.Ordinal);
        Assert.DoesNotContain("support the procedure", rebuttal, StringComparison.Ordinal);

        // Research matches an authorization's period to the dates of service; it never learns when it was issued.
        var authorization = Renderer.Render(LetterType.AuthorizationAppeal, LetterFixtures.Full(LetterType.AuthorizationAppeal)).Html;
        Assert.DoesNotContain("authorized before they were rendered", authorization, StringComparison.Ordinal);
        // The NPI letters print is the payee's (billing) NPI, not a rendering NPI research looked up.
        Assert.DoesNotContain("Rendering provider NPI", authorization, StringComparison.Ordinal);
        // Research found a documented encounter; it did not apply coverage criteria.
        var necessity = Renderer.Render(LetterType.MedicalNecessityAppeal, LetterFixtures.Full(LetterType.MedicalNecessityAppeal)).Html;
        Assert.DoesNotContain("show that they were reasonable and necessary", necessity, StringComparison.Ordinal);
    }
}
