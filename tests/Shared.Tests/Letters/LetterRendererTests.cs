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
