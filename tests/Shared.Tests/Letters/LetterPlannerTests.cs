using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterPlannerTests
{
    [Theory]
    [InlineData("Appeal", "MedicalNecessity", PayerKind.Medicare, 1, LetterType.MedicareRedetermination)]
    [InlineData("Appeal", "TimelyFiling", PayerKind.Commercial, 1, LetterType.TimelyFilingAppeal)]
    [InlineData("Appeal", "Authorization", PayerKind.Commercial, 1, LetterType.AuthorizationAppeal)]
    [InlineData("Appeal", "MedicalNecessity", PayerKind.MedicareAdvantage, 1, LetterType.MedicalNecessityAppeal)]
    [InlineData("Appeal", "Coding", PayerKind.Commercial, 1, LetterType.Appeal)]
    [InlineData("Appeal", null, null, 1, LetterType.Appeal)]
    [InlineData("Appeal", "MedicalNecessity", PayerKind.Medicare, 2, LetterType.MedicareReconsideration)]
    [InlineData("Appeal", "Coding", PayerKind.Medicare, 3, LetterType.AljHearingRequest)]
    [InlineData("Appeal", "Coding", PayerKind.Medicare, 4, LetterType.CouncilReviewRequest)]
    [InlineData("Appeal", "Coding", PayerKind.MedicareAdvantage, 4, LetterType.Reconsideration)]
    [InlineData("Appeal", "Coding", PayerKind.MedicareAdvantage, 2, LetterType.Reconsideration)]
    [InlineData("RequestReopening", "Coding", PayerKind.Medicare, 1, LetterType.MedicareReopeningRequest)]
    [InlineData("RequestReopening", "TimelyFiling", PayerKind.Medicare, 1, LetterType.MedicareReopeningRequest)]
    [InlineData("Appeal", "Authorization", PayerKind.Commercial, 2, LetterType.Reconsideration)]
    [InlineData("CorrectedClaim", "Bundling", PayerKind.Commercial, 1, LetterType.CorrectedClaimCover)]
    [InlineData("ProviderQuery", "Coding", PayerKind.Commercial, 1, LetterType.CodingClarificationQuery)]
    [InlineData("ProviderQuery", "MissingInformation", PayerKind.Commercial, 1, LetterType.DocumentationQuery)]
    [InlineData("ProviderQuery", null, null, 1, LetterType.DocumentationQuery)]
    [InlineData("RequestRetroAuthorization", "Authorization", PayerKind.Medicaid, 1, LetterType.RetroAuthorizationRequest)]
    [InlineData("appeal", "timelyfiling", PayerKind.Commercial, 1, LetterType.TimelyFilingAppeal)]
    public void LettersFor_Action_PicksOneLetter(string action, string? category, PayerKind? payer, int level, LetterType expected) =>
        Assert.Equal([expected], LetterPlanner.LettersFor(action, category, payer, level));

    [Theory]
    [InlineData("BillPatient")]
    [InlineData("NoAction")]
    [InlineData("WriteOff")]
    [InlineData("BillOtherPayer")]
    [InlineData("ManualReview")]
    public void LettersFor_ActionWithoutLetter_ReturnsNone(string action) =>
        Assert.Empty(LetterPlanner.LettersFor(action, "Other", PayerKind.Commercial));

    [Fact]
    public void LettersFor_MedicareFifthLevel_IsACourtAction_NotALetter() =>
        Assert.Empty(LetterPlanner.LettersFor("Appeal", "MedicalNecessity", PayerKind.Medicare, 5));

    private static ResearchResult Research(ResolutionAction action, DenialCategory category, params (ResolutionAction Action, DenialCategory Category)[] lines) => new()
    {
        PatientControlNumber = "PCN1", Category = category, Action = action, Group = "CO", Reason = "50", DeniedAmount = 100m,
        Priority = new Priority(1m, 100m, 0.5m, 1m, "test"), Summary = "test", ResearchedAt = DateTimeOffset.UnixEpoch,
        Lines = lines.Select((l, i) => new LineDecision(i, "99213", null, "CO", "16", 50m, l.Category, l.Action, "line")).ToList(),
    };

    [Fact]
    public void LettersForCase_AppealForTheClaim_AndAProviderQueryForALine_DraftsBoth()
    {
        var research = Research(ResolutionAction.Appeal, DenialCategory.MedicalNecessity,
            (ResolutionAction.Appeal, DenialCategory.MedicalNecessity), (ResolutionAction.ProviderQuery, DenialCategory.MissingInformation));
        Assert.Equal([LetterType.MedicalNecessityAppeal, LetterType.DocumentationQuery], LetterPlanner.LettersForCase(research, PayerKind.Commercial));
    }

    [Fact]
    public void LettersForCase_AProviderQueryForTheClaim_AndAnAppealForALine_DraftsBoth()
    {
        var research = Research(ResolutionAction.ProviderQuery, DenialCategory.Coding, (ResolutionAction.Appeal, DenialCategory.Authorization));
        Assert.Equal([LetterType.CodingClarificationQuery, LetterType.AuthorizationAppeal], LetterPlanner.LettersForCase(research, PayerKind.Commercial));
    }

    [Fact]
    public void LettersForCase_NeverTwoRequestsToThePayer_NorTwoQueriesToTheProvider()
    {
        // An appeal and a corrected claim for the same claim would contradict each other: the claim's own action wins.
        var research = Research(ResolutionAction.Appeal, DenialCategory.MedicalNecessity,
            (ResolutionAction.CorrectedClaim, DenialCategory.Bundling), (ResolutionAction.RequestRetroAuthorization, DenialCategory.Authorization),
            (ResolutionAction.ProviderQuery, DenialCategory.Coding), (ResolutionAction.ProviderQuery, DenialCategory.MissingInformation));
        Assert.Equal([LetterType.MedicalNecessityAppeal, LetterType.CodingClarificationQuery], LetterPlanner.LettersForCase(research, PayerKind.Commercial));
    }

    [Fact]
    public void LettersForCase_LinesLikeTheClaim_OrWithoutLetters_AddNothing()
    {
        var research = Research(ResolutionAction.Appeal, DenialCategory.TimelyFiling,
            (ResolutionAction.Appeal, DenialCategory.TimelyFiling), (ResolutionAction.WriteOff, DenialCategory.Contractual), (ResolutionAction.BillPatient, DenialCategory.PatientResponsibility));
        Assert.Equal([LetterType.TimelyFilingAppeal], LetterPlanner.LettersForCase(research, PayerKind.Commercial));
        // No letter for the claim: a line's letter is still drafted.
        Assert.Equal([LetterType.DocumentationQuery],
            LetterPlanner.LettersForCase(Research(ResolutionAction.ManualReview, DenialCategory.Other, (ResolutionAction.ProviderQuery, DenialCategory.MissingInformation)), PayerKind.Commercial));
    }

    [Fact]
    public void LettersForCase_OnlyTheDecisionThatDrivesALine_AddsLetters()
    {
        // Line 1's largest reason is appealed like the claim; its smaller second reason needs the provider (a provider
        // query) and only its rebuttal depends on it: no query is drafted for it, as before research decided every reason.
        var appealed = Research(ResolutionAction.Appeal, DenialCategory.Authorization, (ResolutionAction.Appeal, DenialCategory.Authorization));
        var research = appealed with
        {
            Lines = [.. appealed.Lines, new LineDecision(0, "99213", null, "CO", "16", 20m, DenialCategory.MissingInformation, ResolutionAction.ProviderQuery, "line") { DrivesAction = false }],
        };
        Assert.Equal([LetterType.AuthorizationAppeal], LetterPlanner.LettersForCase(research, PayerKind.Commercial));
        // The same decision driving another line does draft the query.
        var driving = research with { Lines = [research.Lines[0], research.Lines[1] with { LineIndex = 1, DrivesAction = true }] };
        Assert.Equal([LetterType.AuthorizationAppeal, LetterType.DocumentationQuery], LetterPlanner.LettersForCase(driving, PayerKind.Commercial));
    }

    [Fact]
    public void LettersFor_UnknownAction_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LetterPlanner.LettersFor("SendFlowers"));

    [Fact]
    public void LettersFor_UnknownCategory_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LetterPlanner.LettersFor("Appeal", "Vibes"));
}
