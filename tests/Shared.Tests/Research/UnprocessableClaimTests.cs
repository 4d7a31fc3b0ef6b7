using DenialPipeline.Codes;
using DenialPipeline.Letters;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static DenialPipeline.Tests.Research.Remit;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// Issue #17 §3: MA130 ("…no appeal rights are afforded because the claim is unprocessable. Please submit a new
/// claim…") is fixed by a new claim, frequency 1, on the timely filing clock — never a replacement (frequency 7).
/// </summary>
public sealed class UnprocessableClaimTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly DateOnly Today = new(2025, 3, 15);
    private static readonly DenialResearcher Researcher = new(Codes, new FakeTimeProvider(new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero)));

    private static readonly RecordsSnapshot Records = new()
    {
        Payer = new PayerProfile { PayerId = "MCARE", Name = "Medicare Part B", PayerKind = DenialPipeline.Research.Records.PayerKind.Medicare },
        Claim = new SubmittedClaim
        {
            ClaimId = "PCN100", PayerId = "MCARE", ServiceDateStart = Dos,
            Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" }],
        },
        // The documented diagnosis the claim was sent without (M76 names it).
        Encounters = [new EncounterRecord { Id = "ENC1", Date = Dos, DocumentationPresent = true, DiagnosisCodes = ["M54.50"] }],
    };

    private static ClaimPayment Denied(params string[] remarks) =>
        Claim("PCN100", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", [], [Cas("CO", "16", 150m)], remarks)], filing: "MB");

    [Fact]
    public void MA130_WithTheMissingElementOnFile_IsANewClaimFrequency1_OnTheTimelyFilingClock()
    {
        var result = Researcher.Decide(Denied("MA130", "M76"), Tx(Paid, "MCARE", "Medicare Part B"), Records);

        Assert.Equal(ResolutionAction.CorrectedClaim, result.Action);
        Assert.Equal("1", result.ClaimFrequency);
        Assert.StartsWith("Send a new claim (frequency 1, not a replacement", result.Summary, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 1, 15), result.Deadline!.Date); // Medicare: one calendar year from the date of service
        Assert.Contains(result.Evidence, e => e.Conclusion.Contains("send a new claim (frequency 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void MA130_WithAValueTheClaimAlreadyCarried_IsVerifiedFirst_OnTheTimelyFilingClock()
    {
        // M51 names the procedure code, which the claim as sent carried: a new claim with the same code would come back.
        var result = Researcher.Decide(Denied("MA130", "M51"), Tx(Paid, "MCARE", "Medicare Part B"), Records);

        Assert.Equal(ResolutionAction.ManualReview, result.Action);
        Assert.Contains("send a new claim (frequency 1: MA130)", result.Summary, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 1, 15), result.Deadline!.Date);
    }

    [Fact]
    public void WithoutMA130_ACorrectedClaimReplaces_Frequency7()
    {
        var result = Researcher.Decide(Denied("M76"), Tx(Paid, "MCARE", "Medicare Part B"), Records);
        Assert.Equal(ResolutionAction.CorrectedClaim, result.Action);
        Assert.Equal("7", result.ClaimFrequency);
    }

    [Fact]
    public void MA130_CoverLetter_SendsANewClaim_NotAReplacement()
    {
        var claim = Denied("MA130", "M76");
        var research = Researcher.Decide(claim, Tx(Paid, "MCARE", "Medicare Part B"), Records);
        var context = new LetterContextFactory(Codes, Options.Create(new LetterOptions())).Create("case-1", Tx(Paid, "MCARE", "Medicare Part B"), claim, research, Records, Today);

        Assert.Equal("1", context.Claim!.FrequencyCode);
        var letter = new LetterRenderer(new LetterRendererOptions()).Render(LetterType.CorrectedClaimCover, context);
        Assert.Contains("New claim (frequency 1)", letter.Subject, StringComparison.Ordinal);
        Assert.Contains("frequency code <strong>1</strong> (original claim)", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("replaces payer claim number", letter.Html, StringComparison.Ordinal);
        Assert.Contains("process the enclosed new claim (frequency code 1)", letter.Html, StringComparison.Ordinal);
    }
}
