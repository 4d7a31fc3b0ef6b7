using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Letters;

/// <summary>Letters say what research found: the authorization it matched, and for a duplicate only what was checked.</summary>
public sealed class LetterResearchFactsTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));
    private static readonly LetterContextFactory Factory = new(Codes, Options.Create(new LetterOptions()));
    private static readonly LetterRenderer Renderer = new(new LetterRendererOptions());

    private static readonly SubmittedClaim Submitted = new()
    {
        ClaimId = "PCN100",
        Patient = new PersonIdentity { MemberId = "M1" },
        PayerId = "ACME01",
        ServiceDateStart = Dos,
        Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" }],
    };

    private static DenialPipeline.Research.Records.RecordsSnapshot Snapshot(Func<DenialPipeline.Research.Records.RecordsSnapshot, DenialPipeline.Research.Records.RecordsSnapshot> change) =>
        change(new DenialPipeline.Research.Records.RecordsSnapshot { Claim = Submitted, Payer = new PayerProfile { PayerId = "ACME01", Name = "Acme Health", AppealWindowDays = 90 } });

    private static DenialPipeline.X12.ClaimPayment Denied(string reason, string[]? modifiers = null) =>
        Claim("PCN100", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", modifiers, [Cas("CO", reason, 150m)])]);

    [Fact]
    public void AuthorizationAppeal_CitesTheAuthorizationResearchMatched_NotTheFirstOnFile()
    {
        var records = Snapshot(r => r with
        {
            Claim = r.Claim! with { PriorAuthorizationNumber = "PA-NEW" }, // the claim carried it: the payer's error, appealed
            Authorizations =
            [
                new Authorization { Number = "PA-OLD", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2024, 1, 1), PeriodEnd = new(2024, 6, 30) },
                new Authorization { Number = "PA-NEW", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 3, 31) },
            ],
        });
        var claim = Denied("197");
        var research = Researcher.Decide(claim, Tx(new DateOnly(2025, 3, 10)), records);
        Assert.Equal((ResolutionAction.Appeal, "PA-NEW"), (research.Action, research.AuthorizationNumber));

        var context = Factory.Create("case-1", Tx(new DateOnly(2025, 3, 10)), claim, research, records, new DateOnly(2025, 3, 15));
        Assert.Equal("PA-NEW", context.AuthorizationNumber);
        Assert.Contains("Authorization PA-NEW was on file", context.DenialReasons.Single().Rebuttal);
        var letter = Renderer.Render(LetterType.AuthorizationAppeal, context);
        Assert.Contains("PA-NEW", letter.Html);
        Assert.Contains("PA-NEW", letter.Subject);
        Assert.DoesNotContain("PA-OLD", letter.Html.Replace("Authorization PA-OLD is on file", "", StringComparison.Ordinal));
        Assert.DoesNotContain("PA-OLD", letter.Subject);
    }

    [Fact]
    public void RetroAuthorizationRequest_DoesNotCiteAnAuthorizationThatDoesNotCoverTheService()
    {
        var records = Snapshot(r => r with
        {
            Authorizations = [new Authorization { Number = "PA-OLD", PayerId = "ACME01", ProcedureCodes = ["99213"], PeriodStart = new(2024, 1, 1), PeriodEnd = new(2024, 6, 30) }],
        });
        var claim = Denied("197");
        var research = Researcher.Decide(claim, Tx(new DateOnly(2025, 3, 10)), records);
        Assert.Equal(ResolutionAction.RequestRetroAuthorization, research.Action);
        var context = Factory.Create("case-1", Tx(new DateOnly(2025, 3, 10)), claim, research, records, new DateOnly(2025, 3, 15));
        Assert.Null(context.AuthorizationNumber);
    }

    [Theory]
    [InlineData(true, "The remittances we have received from you for this patient show no earlier payment")]
    [InlineData(false, "Please identify the earlier claim you consider this claim to duplicate")]
    public void DuplicateAppeal_SaysOnlyWhatWasChecked(bool looked, string expected)
    {
        var records = Snapshot(r => r with { EarlierPaymentsChecked = looked });
        var claim = Denied("18");
        var research = Researcher.Decide(claim, Tx(new DateOnly(2025, 3, 10)), records);
        Assert.Equal((ResolutionAction.Appeal, looked), (research.Action, research.EarlierPaymentsChecked));
        var context = Factory.Create("case-1", Tx(new DateOnly(2025, 3, 10)), claim, research, records, new DateOnly(2025, 3, 15));
        var rebuttal = context.DenialReasons.Single().Rebuttal!;
        Assert.StartsWith(expected, rebuttal, StringComparison.Ordinal);
        Assert.DoesNotContain("not a duplicate: no earlier claim was paid", rebuttal, StringComparison.Ordinal);
        if (!looked) Assert.DoesNotContain("no earlier payment", rebuttal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DuplicateAppeal_ForARepeatService_NamesThePaidClaim()
    {
        var records = Snapshot(r => r with
        {
            Claim = Submitted with { Lines = [Submitted.Lines[0] with { Modifiers = ["76"] }] },
            EarlierPaymentsChecked = true,
            EarlierPaidServices = [new PaidService { ClaimId = "PCN099", PayerClaimNumber = "ICN800", Procedure = "99213", ServiceDate = Dos, Paid = 95m }],
        });
        var claim = Denied("18", ["76"]);
        var research = Researcher.Decide(claim, Tx(new DateOnly(2025, 3, 10)), records);
        Assert.Equal(ResolutionAction.Appeal, research.Action);
        var context = Factory.Create("case-1", Tx(new DateOnly(2025, 3, 10)), claim, research, records, new DateOnly(2025, 3, 15));
        Assert.Contains("not a duplicate of the one paid on claim PCN099 (your claim ICN800)", context.DenialReasons.Single().Rebuttal);
    }
}
