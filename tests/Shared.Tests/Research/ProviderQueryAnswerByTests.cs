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
/// Issue #17 §6: a provider query asks for its answer by the payer profile's query turnaround (default 14 days), never
/// later than the step's deadline minus the time the step needs (<see cref="Deadlines.ResponsePreparationDays"/>) —
/// not by the deadline itself — and the letter asks for that date.
/// </summary>
public sealed class ProviderQueryAnswerByTests
{
    private static readonly CodeBook Codes = CodeBook.LoadDefault();
    private static readonly DateOnly Dos = new(2025, 1, 15);
    private static readonly DateOnly Paid = new(2025, 3, 10);
    private static readonly PayerProfile Acme = new() { PayerId = "ACME01", Name = "Acme Health", AppealWindowDays = 90, TimelyFilingDays = 120 };

    private static RecordsSnapshot Records(PayerProfile payer) => new()
    {
        Payer = payer,
        Claim = new SubmittedClaim
        {
            ClaimId = "PCN100", PayerId = "ACME01", ServiceDateStart = Dos,
            Lines = [new SubmittedLine { Number = 1, Procedure = "99213", Charge = 150m, ServiceDate = Dos, LineControlNumber = "L1" }],
        },
    };

    private static ClaimPayment Denied(string reason) =>
        Claim("PCN100", "4", 150m, 0m, [Line("99213", 150m, 0m, Dos, "L1", ["25"], [Cas("CO", reason, 150m)])]);

    private static ResearchResult Decide(string reason, PayerProfile payer, DateOnly today) =>
        new DenialResearcher(Codes, new FakeTimeProvider(new DateTimeOffset(today, TimeOnly.MinValue, TimeSpan.Zero)))
            .Decide(Denied(reason), Tx(Paid), Records(payer));

    [Fact]
    public void Query_FarFromItsDeadline_IsDueAfterTheDefaultTurnaround()
    {
        // CO-50 without documentation: a query on the appeal clock (2025-06-08); asked on 2025-03-15.
        var result = Decide("50", Acme, new DateOnly(2025, 3, 15));
        Assert.Equal(ResolutionAction.ProviderQuery, result.Action);
        Assert.Equal(new DateOnly(2025, 6, 8), result.Deadline!.Date);
        Assert.Equal(new DateOnly(2025, 3, 29), result.QueryAnswerBy);
    }

    [Fact]
    public void Query_UsesThePayerProfilesTurnaround()
    {
        var result = Decide("50", Acme with { QueryTurnaroundDays = 7 }, new DateOnly(2025, 3, 15));
        Assert.Equal(new DateOnly(2025, 3, 22), result.QueryAnswerBy);
    }

    [Fact]
    public void Query_NearItsDeadline_LeavesTheStepItsPreparationTime()
    {
        // CO-4 without documentation: a query on the timely filing clock (2025-05-15); asked on 2025-05-01, 14 days would be the deadline itself.
        var result = Decide("4", Acme, new DateOnly(2025, 5, 1));
        Assert.Equal(ResolutionAction.ProviderQuery, result.Action);
        Assert.Equal(new DateOnly(2025, 5, 15), result.Deadline!.Date);
        Assert.Equal(new DateOnly(2025, 5, 5), result.QueryAnswerBy);
    }

    [Fact]
    public void Query_AlreadyInsideThePreparationTime_IsAskedForToday()
    {
        var result = Decide("4", Acme, new DateOnly(2025, 5, 10));
        Assert.Equal(new DateOnly(2025, 5, 10), result.QueryAnswerBy);
    }

    [Fact]
    public void NoQuery_NoAnswerByDate()
    {
        var result = Decide("29", Acme, new DateOnly(2025, 3, 15));
        Assert.NotEqual(ResolutionAction.ProviderQuery, result.Action);
        Assert.Null(result.QueryAnswerBy);
    }

    [Fact]
    public void QueryLetter_AsksForTheAnswerByDate_NotTheDeadline_AndListsEachOptionOnce()
    {
        var today = new DateOnly(2025, 3, 15);
        var records = Records(Acme);
        var research = Decide("50", Acme, today);
        var context = new LetterContextFactory(Codes, Options.Create(new LetterOptions())).Create("case-1", Tx(Paid), Denied("50"), research, records, today);

        Assert.Equal(new DateOnly(2025, 3, 29), context.Deadline);
        var letter = new LetterRenderer(new LetterRendererOptions()).Render(LetterType.DocumentationQuery, context);
        Assert.Contains("Please answer by March 29, 2025", letter.Html, StringComparison.Ordinal);
        var options = System.Text.RegularExpressions.Regex.Matches(letter.Html, "<li>([^<]*)</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(options, o => o.StartsWith("Unable to determine", StringComparison.Ordinal));
        Assert.Equal(options.Count, options.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Single(options, o => o.StartsWith("Unable to determine", StringComparison.Ordinal));
    }
}
