using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// <see cref="FollowUp"/> on its own: a Medicare reopening answered with the same denial becomes an appeal only when the
/// denial has appeal rights and the reason is the one the reopening was about.
/// </summary>
public sealed class FollowUpTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));

    // The MAC dropped modifier 25 the claim carried: a clerical error, a reopening (42 CFR 405.980).
    private static readonly RecordsSnapshot Records = new()
    {
        Payer = new PayerProfile { PayerId = "MCARE", Name = "Medicare Part B", PayerKind = PayerKind.Medicare },
        Claim = new SubmittedClaim
        {
            ClaimId = "PCN100", PayerId = "MCARE", ServiceDateStart = Dos,
            Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Modifiers = ["25"], Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" }],
        },
    };

    private static ClaimPayment Denied(params string[] remarks) =>
        Claim("PCN100", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", [], [Cas("CO", "4", 150m)], remarks)], filing: "MB");

    private static ResearchResult Decide(ClaimPayment claim, PriorAttempt? prior) =>
        FollowUp.Decide(Researcher, claim, Tx(Paid, "MCARE", "Medicare Part B"), Records, prior);

    private static PriorAttempt ReopeningFor(string reason) => new("case-1", ResolutionAction.RequestReopening, "CO", reason, null);

    [Fact]
    public void WithoutAnEarlierCase_ItIsAReopening()
    {
        var result = Decide(Denied(), null);
        Assert.Equal(ResolutionAction.RequestReopening, result.Action);
        Assert.NotNull(result.ClericalError);
    }

    [Fact]
    public void AReopeningOfTheSameReason_AnsweredWithTheSameDenial_IsARedetermination()
    {
        var result = Decide(Denied(), ReopeningFor("4"));
        Assert.Equal(ResolutionAction.Appeal, result.Action);
        Assert.Null(result.ClericalError);
        Assert.DoesNotContain(result.Evidence, e => e.Check == "Reopening");
        Assert.Equal(new DateOnly(2025, 7, 13), result.Deadline!.Date); // 03-10 + 5 + 120
    }

    [Fact]
    public void AReopeningAboutAnotherReason_LeavesThisOneAReopening()
    {
        Assert.Equal(ResolutionAction.RequestReopening, Decide(Denied(), ReopeningFor("18")).Action);
    }

    [Fact]
    public void ADenialWithoutAppealRights_AfterTheReopening_GoesToACoder_NotAnAppeal()
    {
        var result = Decide(Denied("N211"), ReopeningFor("4"));
        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        Assert.Contains(result.Evidence, e => e.Check == "Earlier step" && e.Conclusion.Contains("remark N211", StringComparison.Ordinal));
    }
}
