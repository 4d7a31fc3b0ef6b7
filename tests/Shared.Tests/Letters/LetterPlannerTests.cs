using DenialPipeline.Letters;

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
    [InlineData("Appeal", "MedicalNecessity", PayerKind.Medicare, 2, LetterType.Reconsideration)]
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
    public void LettersFor_UnknownAction_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LetterPlanner.LettersFor("SendFlowers"));

    [Fact]
    public void LettersFor_UnknownCategory_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LetterPlanner.LettersFor("Appeal", "Vibes"));
}
