using System.Text.RegularExpressions;
using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed partial class LetterRendererTests
{
    private readonly LetterRenderer _renderer = new();

    public static TheoryData<LetterType> Types() => new(LetterFixtures.AllTypes);

    [Theory]
    [MemberData(nameof(Types))]
    public void Render_FullContext_MatchesGoldenFile(LetterType type)
    {
        var letter = _renderer.Render(type, LetterFixtures.Full(type));

        GoldenFile.Verify($"{type}.html", $"<!-- subject: {letter.Subject} -->\n<!-- recipient: {letter.Recipient} -->\n{letter.Html}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Render_FullContext_LeavesNoMarker(LetterType type)
    {
        var letter = _renderer.Render(type, LetterFixtures.Full(type));

        Assert.Empty(letter.MissingFields);
        Assert.True(letter.IsComplete);
        Assert.DoesNotContain("needs-input", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("needs input", letter.Subject, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue #5: every letter names the payer's claim number, the dates of service, the denied amount, every CARC and RARC,
    /// the procedure and diagnosis codes and the action asked; a payer letter also each reason's rebuttal and what is enclosed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Types))]
    public void Render_FullContext_NamesTheClaimTheAmountTheCodesAndTheAsk(LetterType type)
    {
        var context = LetterFixtures.Full(type);
        var html = _renderer.Render(type, context).Html;

        Assert.Contains(">22026300123456<", html, StringComparison.Ordinal);
        Assert.Contains(">08/04/2026<", html, StringComparison.Ordinal);
        Assert.Contains(">$1,250.00<", html, StringComparison.Ordinal);
        foreach (var code in new[] { "CO-50", "CO-197", "N386" })
            Assert.Contains($"<strong>{code}</strong>", html, StringComparison.Ordinal);
        foreach (var code in new[] { "99214", "20610", "M54.50, E11.9", "M17.11" })
            Assert.Contains(code, html, StringComparison.Ordinal);
        foreach (var reason in context.DenialReasons)
            Assert.Matches($"<strong>{reason.GroupCode}-{reason.ReasonCode}</strong>[^<]*{Regex.Escape(LetterModel.Money(reason.Amount)!)}", html);

        if (type is LetterType.DocumentationQuery or LetterType.CodingClarificationQuery)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(context.Query!.Question!).Replace("&#39;", "&#x27;", StringComparison.Ordinal), html, StringComparison.Ordinal);
            Assert.Contains("Physical therapy notes, 05/2026 to 07/2026", html, StringComparison.Ordinal);
            return;
        }

        foreach (var reason in context.DenialReasons)
            Assert.Contains(reason.Rebuttal!, html, StringComparison.Ordinal);
        if (type == LetterType.AljHearingRequest)
            Assert.Contains("We ask the Administrative Law Judge to reverse the reconsideration", html, StringComparison.Ordinal);
        else if (type == LetterType.CouncilReviewRequest)
            Assert.Contains("We ask the Council to reverse the Administrative Law Judge's decision", html, StringComparison.Ordinal);
        else
            Assert.Contains($"We ask {(type == LetterType.MedicareRedetermination ? "the Medicare contractor to" : "that you")} {context.ActionRequested}.", html, StringComparison.Ordinal);
        if (type == LetterType.CorrectedClaimCover)
            Assert.Contains("Enclosed is a corrected claim", html, StringComparison.Ordinal);
        else
            Assert.Contains("<li>Physical therapy notes, 05/2026 to 07/2026</li>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Render_EmptyContext_ListsEveryMarkerAsMissing(LetterType type)
    {
        var letter = _renderer.Render(type, LetterFixtures.Empty());

        var markers = Markers().Matches(letter.Html).Select(m => m.Groups["path"].Value).ToHashSet();
        var listed = letter.MissingFields.Select(f => f.Path).ToHashSet();
        Assert.NotEmpty(markers);
        Assert.Equal(markers.Order(), listed.Where(markers.Contains).Order());
        // Every listed field shows a marker in the HTML, except those only used in the subject.
        var subjectOnly = listed.Except(markers).ToList();
        Assert.All(subjectOnly, path => Assert.Contains(letter.MissingFields.Single(f => f.Path == path).Label, letter.Subject, StringComparison.Ordinal));
        Assert.DoesNotContain(">null<", letter.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<td></td>", letter.Html, StringComparison.Ordinal);
        Assert.All(letter.MissingFields, f => Assert.False(string.IsNullOrWhiteSpace(f.Label)));
    }

    [Fact]
    public async Task Render_InParallel_GivesTheSameLettersAsInSequence()
    {
        var jobs = Enumerable.Range(0, 40).Select(i => (Type: LetterFixtures.AllTypes[i % LetterFixtures.AllTypes.Length], Empty: i % 3 == 0)).ToList();
        var expected = jobs.Select(j => _renderer.Render(j.Type, j.Empty ? LetterFixtures.Empty() : LetterFixtures.Full(j.Type))).ToList();

        var actual = await Task.WhenAll(jobs.Select(j => Task.Run(() => _renderer.Render(j.Type, j.Empty ? LetterFixtures.Empty() : LetterFixtures.Full(j.Type)))));

        for (var i = 0; i < jobs.Count; i++)
        {
            Assert.Equal(expected[i].Html, actual[i].Html);
            Assert.Equal(expected[i].MissingFields, actual[i].MissingFields);
        }
    }

    [GeneratedRegex("<span class=\"needs-input\" data-field=\"(?<path>[^\"]+)\">\\[needs input: [^\\]]+\\]</span>")]
    private static partial Regex Markers();
}
