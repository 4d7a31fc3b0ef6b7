using DenialPipeline.Pipeline;
using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Letters;

/// <summary>
/// <see cref="LetterContextFactory"/> from a real research result: every denial reason on the claim gets its own rebuttal
/// built from what research found for it, or a "needs input" marker when research found nothing to argue with.
/// </summary>
public sealed class LetterContextFactoryTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));
    private static readonly LetterContextFactory Factory = new(Codes, Options.Create(new LetterOptions()));
    private static readonly LetterRenderer Renderer = new(new LetterRendererOptions());

    private static readonly SubmittedClaim Submitted = new()
    {
        ClaimId = "PCN200",
        Patient = new PersonIdentity { MemberId = "M1" },
        PayerId = "ACME01",
        // The claim carried the authorization on file, so a CO-197 is the payer's error and is appealed (without it the
        // fix is a corrected claim carrying the number: AuthorizationRule).
        PriorAuthorizationNumber = "PA-777",
        ServiceDateStart = Dos,
        DiagnosisCodes = ["M54.50"],
        Lines =
        [
            new SubmittedLine { Number = 1, Procedure = "99213", Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1", Modifiers = ["25"] },
            new SubmittedLine { Number = 2, Procedure = "20610", Charge = 100m, ServiceDate = Dos, LineControlNumber = "L2", DiagnosisCodes = ["M54.50"] },
        ],
    };

    private static readonly Authorization MatchingAuthorization =
        new() { Number = "PA-777", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) };

    private static readonly EncounterRecord DocumentedEncounter = new()
    {
        Id = "ENC-9", Date = Dos, DocumentationPresent = true,
        Documents = ["Progress note of 01/15/2025", "Knee X-ray report of 01/15/2025"],
        DiagnosisCodes = ["M54.50", "M17.11"],
    };

    private static RecordsSnapshot Records(params Func<RecordsSnapshot, RecordsSnapshot>[] changes) =>
        changes.Aggregate(new RecordsSnapshot { Claim = Submitted, Payer = new PayerProfile { PayerId = "ACME01", Name = "Acme Health", AppealWindowDays = 90 } },
            (r, change) => change(r));

    private static (ResearchResult Research, LetterContext Context) Draft(ClaimPayment claim, RecordsSnapshot records)
    {
        var research = Researcher.Decide(claim, Tx(Paid), records);
        return (research, Factory.Create("case-1", Tx(Paid), claim, research, records, new DateOnly(2025, 3, 15)));
    }

    private static string? RebuttalOf(LetterContext context, string group, string reason) =>
        context.DenialReasons.Single(d => d.GroupCode == group && d.ReasonCode == reason).Rebuttal;

    /// <summary>CO-197 on line 1 (authorization on file), CO-11 on line 2 (diagnosis documented, not billed), CO-50 at claim level (documented encounter).</summary>
    private static ClaimPayment ThreeReasons() =>
        Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "11", 60m)]),
        ], [Cas("CO", "50", 40m, AdjustmentLevel.Claim)], start: Dos);

    [Fact]
    public void ThreeDifferentCarcs_GetThreeRebuttals_EachFromWhatResearchFoundForIt()
    {
        var records = Records(r => r with { Authorizations = [MatchingAuthorization], Encounters = [DocumentedEncounter] });
        var (research, context) = Draft(ThreeReasons(), records);

        // What research found, line by line (the facts the rebuttals must cite).
        Assert.Equal(("CO", "197"), (research.Group, research.Reason));
        var line2 = research.Lines.Single(l => l.LineIndex == 1);
        Assert.Equal((DenialCategory.Coding, ResolutionAction.CorrectedClaim), (line2.Category, line2.Action));
        Assert.Contains(line2.Corrections, c => c.Contains("M17.11", StringComparison.Ordinal));
        var claimLevel = research.Lines.Single(l => l.LineIndex is null);
        Assert.Equal((DenialCategory.MedicalNecessity, ResolutionAction.Appeal), (claimLevel.Category, claimLevel.Action));

        var auth = RebuttalOf(context, "CO", "197");
        var coding = RebuttalOf(context, "CO", "11");
        var necessity = RebuttalOf(context, "CO", "50");
        Assert.NotNull(auth);
        Assert.NotNull(coding);
        Assert.NotNull(necessity);
        Assert.Equal(3, new[] { auth, coding, necessity }.Distinct(StringComparer.Ordinal).Count());

        Assert.Contains("Authorization PA-777 was on file", auth, StringComparison.Ordinal);
        Assert.Contains("line 1 (99213)", auth, StringComparison.Ordinal);
        Assert.Contains("add diagnosis M17.11 and point line 2 (20610) to it", coding, StringComparison.Ordinal);
        Assert.Contains("corrected claim", coding, StringComparison.Ordinal);
        Assert.Contains("medically necessary", necessity, StringComparison.Ordinal);
        Assert.Contains("Progress note of 01/15/2025", necessity, StringComparison.Ordinal);
        Assert.DoesNotContain("distinct and separately identifiable", coding, StringComparison.Ordinal);

        // Rendered, none of the three asks for input, and each rebuttal is printed (HTML-encoded) beside its code.
        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        Assert.DoesNotContain(letter.MissingFields, f => f.Path.StartsWith("denialReasons", StringComparison.Ordinal));
        Assert.Contains("PA-777", letter.Html, StringComparison.Ordinal);
        Assert.Contains("M17.11", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Progress note of 01/15/2025", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Authorization PA-777 was on file", LetterSanitizer.Sanitize(letter.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void AReasonResearchCouldNotSupport_KeepsTheMarker_WhileTheOthersAreHandled()
    {
        // Line 2: CO-96 (non-covered): no records check decides benefits, so there is nothing to argue.
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "96", 100m)]),
        ], start: Dos);
        var (_, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization] }));

        Assert.Contains("PA-777", RebuttalOf(context, "CO", "197"), StringComparison.Ordinal);
        Assert.Null(RebuttalOf(context, "CO", "96"));
        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        var index = context.DenialReasons.ToList().FindIndex(d => d.ReasonCode == "96");
        Assert.Contains(letter.MissingFields, f => f.Path == $"denialReasons[{index}].rebuttal");
        Assert.DoesNotContain(letter.MissingFields, f => f.Path == $"denialReasons[{1 - index}].rebuttal");
    }

    [Fact]
    public void MedicalNecessity_WithoutDocumentationOnFile_GetsTheMarker_NotAClaimOfDocumentation()
    {
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "50", 100m)]),
        ], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization] }));

        Assert.Equal(ResolutionAction.ProviderQuery, research.Lines.Single(l => l.LineIndex == 1).Action);
        Assert.Null(RebuttalOf(context, "CO", "50"));
        Assert.NotNull(RebuttalOf(context, "CO", "197"));
    }

    [Fact]
    public void AnAppealPlannedFromALine_AsksThePayerToPay_CitesTheLinesAuthorization_AndListsItsEnclosures()
    {
        // The claim's dominant reason (CO-50, no documentation on file) asks the provider; line 1's CO-197 (authorization
        // on file) calls for an appeal to the payer. The appeal must carry line 1's request, authorization and enclosures,
        // not the provider query's "answer the question below".
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 60m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "50", 100m)]),
        ], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization] }));
        Assert.Equal(ResolutionAction.ProviderQuery, research.Action);
        var types = LetterPlanner.LettersForCase(research, context.Payer?.Kind);
        Assert.Equal([LetterType.DocumentationQuery, LetterType.AuthorizationAppeal], types);

        var appeal = Renderer.Render(LetterType.AuthorizationAppeal, LetterContextFactory.ForLetter(context, LetterType.AuthorizationAppeal, research));
        Assert.Contains("We ask that you reprocess this claim and pay the denied amount.", appeal.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("answer the question", appeal.Html, StringComparison.Ordinal);
        Assert.Contains("Authorization number <strong>PA-777</strong>", appeal.Html, StringComparison.Ordinal);
        Assert.Contains("<li>Copy of authorization PA-777", appeal.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(appeal.MissingFields, f => f.Path is "authorizationNumber" or "enclosures" or "actionRequested");

        // The claim's own letter is unchanged: the query asks the provider, from the claim's research.
        var query = Renderer.Render(LetterType.DocumentationQuery, LetterContextFactory.ForLetter(context, LetterType.DocumentationQuery, research));
        Assert.Equal(Renderer.Render(LetterType.DocumentationQuery, context).Html, query.Html);
    }

    [Fact]
    public void AQueryPlannedFromALine_AsksTheLinesQuestion_AndDoesNotPromiseTheAppealsEnclosures()
    {
        // The claim's dominant reason (CO-197, authorization on file) is appealed; line 2's CO-50 (no documentation) asks the provider.
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 150m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "50", 100m)]),
        ], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization] }));
        Assert.Equal(ResolutionAction.Appeal, research.Action);
        Assert.Equal([LetterType.AuthorizationAppeal, LetterType.DocumentationQuery], LetterPlanner.LettersForCase(research, context.Payer?.Kind));

        var query = Renderer.Render(LetterType.DocumentationQuery, LetterContextFactory.ForLetter(context, LetterType.DocumentationQuery, research));
        Assert.DoesNotContain(query.MissingFields, f => f.Path.StartsWith("query.", StringComparison.Ordinal));
        Assert.Contains("clarify what it supports regarding: medical necessity", query.Html, StringComparison.Ordinal);
        Assert.Contains("documentation of 2025-01-15", query.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("PA-777", query.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ASmallerReasonOnTheSameLine_GetsItsOwnRebuttal()
    {
        // Line 1 carries CO-197 and a smaller CO-50: research decides both, so each is argued from its own check.
        var claim = Claim("PCN200", "4", 150m, 0m,
            [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 120m), Cas("CO", "50", 30m)])], start: Dos);
        var (_, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization], Encounters = [DocumentedEncounter] }));

        Assert.Contains("Authorization PA-777 was on file", RebuttalOf(context, "CO", "197"), StringComparison.Ordinal);
        var necessity = RebuttalOf(context, "CO", "50");
        Assert.Contains("line 1 (99213) was medically necessary", necessity, StringComparison.Ordinal);
        Assert.Contains("Progress note of 01/15/2025", necessity, StringComparison.Ordinal);
        Assert.DoesNotContain("PA-777", necessity, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthorizationAndMissingInformationOnOneLine_BothRebutted_NoNeedsInput()
    {
        // CO-197 (authorization PA-777 on file) and CO-16 with M76 (the encounter documents a diagnosis the claim lacked) on line 1.
        var claim = Claim("PCN200", "4", 150m, 0m,
            [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 100m), Cas("CO", "16", 20m)], ["M76"])], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization], Encounters = [DocumentedEncounter] }));

        Assert.Equal((ResolutionAction.Appeal, "197"), (research.Action, research.Reason));
        Assert.Equal([LetterType.AuthorizationAppeal], LetterPlanner.LettersForCase(research, context.Payer?.Kind));
        var auth = RebuttalOf(context, "CO", "197");
        var missing = RebuttalOf(context, "CO", "16");
        Assert.Contains("Authorization PA-777 was on file for the services and dates billed (line 1 (99213))", auth, StringComparison.Ordinal);
        Assert.Contains("named as missing (M76)", missing, StringComparison.Ordinal);
        Assert.Contains("supply diagnosis code M54.50, M17.11 (encounter ENC-9)", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("PA-777", missing, StringComparison.Ordinal);

        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        Assert.DoesNotContain(letter.MissingFields, f => f.Path.StartsWith("denialReasons", StringComparison.Ordinal));
        Assert.DoesNotContain("data-field=\"denialReasons", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondReasonResearchCannotSupport_IsTheOnlyNeedsInput()
    {
        // CO-197 (authorization on file) and CO-16 without a remark naming what is missing: research decides CO-16 as a
        // manual review, which gives the payer no argument, so a coder writes that rebuttal — and only that one.
        var claim = Claim("PCN200", "4", 150m, 0m,
            [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 100m), Cas("CO", "16", 20m)])], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Authorizations = [MatchingAuthorization] }));

        Assert.Equal(ResolutionAction.ManualReview, research.Lines.Single(l => l.Reason == "16").Action);
        Assert.NotNull(RebuttalOf(context, "CO", "197"));
        Assert.Null(RebuttalOf(context, "CO", "16"));
        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        var index = context.DenialReasons.ToList().FindIndex(d => d.ReasonCode == "16");
        Assert.Equal([$"denialReasons[{index}].rebuttal"],
            letter.MissingFields.Select(f => f.Path).Where(p => p.StartsWith("denialReasons", StringComparison.Ordinal)));
    }

    [Fact]
    public void ModifierAndDiagnosisDenials_GetDifferentRebuttals()
    {
        // Line 1: CO-4, the payer processed 99213 without the modifier 25 the claim carried. Line 2: CO-11, a documented diagnosis was not billed.
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", null, [Cas("CO", "4", 150m)]),
            Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "11", 100m)]),
        ], start: Dos);
        var (research, context) = Draft(claim, Records(r => r with { Encounters = [DocumentedEncounter] }));

        Assert.Equal(ResolutionAction.Appeal, research.Lines.Single(l => l.LineIndex == 0).Action);
        var modifier = RebuttalOf(context, "CO", "4");
        var diagnosis = RebuttalOf(context, "CO", "11");
        Assert.NotNull(modifier);
        Assert.NotNull(diagnosis);
        Assert.NotEqual(modifier, diagnosis);
        Assert.Contains("modifier 25", modifier, StringComparison.Ordinal);
        Assert.Contains("line 1 (99213)", modifier, StringComparison.Ordinal);
        Assert.Contains("diagnosis M17.11", diagnosis, StringComparison.Ordinal);
        Assert.DoesNotContain("distinct and separately identifiable", modifier, StringComparison.Ordinal);
        Assert.DoesNotContain("modifier", diagnosis, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelyFiling_CitesTheAcceptanceResearchFound()
    {
        var claim = Claim("PCN200", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "29", 150m)])], start: Dos);
        var records = Records(r => r with
        {
            SubmissionProofs = [new SubmissionProof { ClaimId = "PCN200", AcceptedDate = new(2025, 1, 20), Source = ProofSource.Ack277CA, Reference = "ACK-55" }],
        });
        var (research, context) = Draft(claim, records);

        Assert.Equal(ResolutionAction.Appeal, research.Action);
        var rebuttal = RebuttalOf(context, "CO", "29");
        Assert.Contains("accepted on 01/20/2025", rebuttal, StringComparison.Ordinal);
        Assert.Contains("ACK-55", rebuttal, StringComparison.Ordinal);
    }

    [Fact]
    public void ResearchStoredBeforeLineFacts_StillGivesTheDominantReasonItsRebuttal()
    {
        var records = Records(r => r with { Authorizations = [MatchingAuthorization], Encounters = [DocumentedEncounter] });
        var claim = ThreeReasons();
        var research = Researcher.Decide(claim, Tx(Paid), records);
        var old = research with
        {
            Lines = research.Lines.Select(l => new LineDecision(l.LineIndex, l.Procedure, l.LineControlNumber, l.Group, l.Reason, l.Amount, l.Category, l.Action, l.Conclusion)).ToList(),
        };
        var context = Factory.Create("case-1", Tx(Paid), claim, old, records, new DateOnly(2025, 3, 15));

        Assert.Contains("Authorization PA-777 was on file", RebuttalOf(context, "CO", "197"), StringComparison.Ordinal);
        // The other reasons' facts were not stored: nothing to cite, so a coder writes them.
        Assert.Null(RebuttalOf(context, "CO", "11"));
        Assert.Null(RebuttalOf(context, "CO", "50"));
    }

    [Fact]
    public void DocumentationQuery_NamesThePayerClaimNumber_TheDeniedAmount_AndTheCodes()
    {
        // CO-50 with no documentation on file: research asks the provider.
        var claim = Claim("PCN200", "4", 100m, 0m, [Line("20610", 100m, 0m, Dos, "L2", null, [Cas("CO", "50", 100m)], ["N386"])], start: Dos, icn: "ICN-4242");
        var (research, context) = Draft(claim, Records());
        Assert.Equal(ResolutionAction.ProviderQuery, research.Action);
        Assert.Contains(LetterType.DocumentationQuery, LetterPlanner.LettersForCase(research, context.Payer?.Kind));

        var letter = Renderer.Render(LetterType.DocumentationQuery, context);
        Assert.Contains("ICN-4242", letter.Html, StringComparison.Ordinal);
        Assert.Contains("$100.00", letter.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>CO-50</strong>", letter.Html, StringComparison.Ordinal);
        Assert.Contains(Codes.Carc("50").Description, letter.Html, StringComparison.Ordinal);
        Assert.Contains("<strong>N386</strong>", letter.Html, StringComparison.Ordinal);
        Assert.Contains("20610", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(letter.MissingFields, f => f.Path is "claim.payerClaimNumber" or "claim.deniedAmount" || f.Path.StartsWith("denialReasons", StringComparison.Ordinal));

        // A remark whose text the code list lacks is shown by its code alone: context for the provider, not a field
        // to fill (a marker would hold up approval of the query, which refuses open fields).
        var unknown = Renderer.Render(LetterType.DocumentationQuery, context with { Remarks = [new RemarkInfo("ZZ999", null)] });
        Assert.Contains("<strong>ZZ999</strong>", unknown.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(unknown.MissingFields, f => f.Path.StartsWith("remarks", StringComparison.Ordinal));
    }

    /// <summary>
    /// ResearchJson as the research stage stored it before it decided every reason: one decision per line, for the line's
    /// largest adjustment, with no "drivesAction". Line 1 carries CO-197 (decided, authorization PA-777) and CO-50 (never
    /// checked); line 2 carries CO-16, decided as a provider query (N701: the referral number is not in the records).
    /// </summary>
    private const string OldShapeResearchJson = """
        {"patientControlNumber":"PCN200","payerClaimNumber":"ICN900","matchedClaimId":"PCN200","category":"Authorization","action":"Appeal",
         "group":"CO","reason":"197","remarks":["N701"],"deniedAmount":230,
         "deadline":{"date":"2025-06-08","rule":"Payer appeal window (90 days)","explanation":"90 days from the remittance dated 2025-03-10.","daysLeft":85},
         "priority":{"score":126.5,"amount":230,"recoveryLikelihood":0.55,"urgency":1.0,"explanation":"test"},
         "lines":[
          {"lineIndex":0,"procedure":"99213","lineControlNumber":"L1","group":"CO","reason":"197","amount":150,"category":"Authorization","action":"Appeal",
           "conclusion":"Appeal CO-197: authorization PA-777 covers 99213 on 2025-01-15.",
           "evidence":[{"check":"Authorization on file","found":true,"conclusion":"Authorization PA-777 covers 99213 on 2025-01-15 (valid 2025-01-01 to 2025-03-31)."}],
           "corrections":[],"enclosures":["Copy of authorization PA-777 (2025-01-01 to 2025-03-31)"],"authorizationNumber":"PA-777","earlierPayment":null,"earlierPaymentsChecked":false},
          {"lineIndex":1,"procedure":"20610","lineControlNumber":"L2","group":"CO","reason":"16","amount":80,"category":"MissingInformation","action":"ProviderQuery",
           "conclusion":"Ask the provider for referral number: the payer needs it (CO-16, N701) and the records lack it.",
           "evidence":[{"check":"referral number in the records","found":false,"conclusion":"Remark N701 names referral number; the records do not hold it."}],
           "corrections":[],"enclosures":[],"authorizationNumber":null,"earlierPayment":null,"earlierPaymentsChecked":false}],
         "evidence":[{"check":"Authorization on file","found":true,"conclusion":"Authorization PA-777 covers 99213 on 2025-01-15 (valid 2025-01-01 to 2025-03-31)."}],
         "corrections":[],"enclosures":["Copy of authorization PA-777 (2025-01-01 to 2025-03-31)"],"authorizationNumber":"PA-777",
         "earlierPayment":null,"earlierPaymentsChecked":false,"missingElement":"ReferralNumber",
         "summary":"Appeal CO-197: authorization PA-777 covers 99213 on 2025-01-15.","researchedAt":"2025-03-15T09:00:00+00:00"}
        """;

    [Fact]
    public void ResearchStoredWithOneDecisionPerLine_RendersAsBefore()
    {
        var research = System.Text.Json.JsonSerializer.Deserialize<ResearchResult>(OldShapeResearchJson, DenialPipeline.Storage.MessageJson.Options)!;
        var claim = Claim("PCN200", "4", 250m, 0m,
        [
            Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", "197", 120m), Cas("CO", "50", 30m)]),
            Line("20610", 100m, 20m, Dos, "L2", null, [Cas("CO", "16", 80m)], ["N701"]),
        ], start: Dos);
        var records = Records(r => r with { Authorizations = [MatchingAuthorization], Encounters = [DocumentedEncounter] });

        // Every stored decision drove its line, so the letters planned are the ones planned when it was stored.
        Assert.All(research.Lines, l => Assert.True(l.DrivesAction));
        Assert.Equal([LetterType.AuthorizationAppeal, LetterType.DocumentationQuery], LetterPlanner.LettersForCase(research, DenialPipeline.Letters.PayerKind.Commercial));

        var context = Factory.Create("case-1", Tx(Paid), claim, research, records, new DateOnly(2025, 3, 15));
        Assert.Contains("Authorization PA-777 was on file", RebuttalOf(context, "CO", "197"), StringComparison.Ordinal);
        // CO-50 was never checked on line 1 (the records now could support it, but the stored result did not): no claim is made.
        Assert.Null(RebuttalOf(context, "CO", "50"));
        Assert.Null(RebuttalOf(context, "CO", "16"));
        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        var reasons = context.DenialReasons.ToList();
        var expected = new[] { "50", "16" }.Select(code => $"denialReasons[{reasons.FindIndex(d => d.ReasonCode == code)}].rebuttal").Order(StringComparer.Ordinal);
        Assert.Equal(expected, letter.MissingFields.Select(f => f.Path).Where(p => p.StartsWith("denialReasons", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }
}
