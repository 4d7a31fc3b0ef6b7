using DenialPipeline.Codes;

namespace DenialPipeline.Tests.Codes;

/// <summary>
/// The shipped plain-English wording (Codes/Data) read against the X12 lists: x12-code-texts.csv in this folder holds,
/// for every shipped CARC and RARC, the X12 text, the phrases our wording must carry so that it says what the X12 text
/// says, and the claim element a RARC names as missing. A row marked verified=no could not be checked against the
/// list here and says so.
/// </summary>
public sealed class CodeWordingTests
{
    private static readonly CodeBook Book = CodeBook.LoadDefault();

    private sealed record Reference(string Kind, string Code, bool Verified, string X12Text, IReadOnlyList<string> MustMention, string MissingElement);

    private static IReadOnlyList<Reference> ReadReference()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Codes", "x12-code-texts.csv"));
        var rows = new List<Reference>();
        foreach (var row in Csv.ReadWithHeader(reader, out var c))
            rows.Add(new Reference(row.Field(c["kind"]), row.Field(c["code"]), row.Field(c["verified"]) == "yes", row.Field(c["x12_text"]),
                row.Field(c["must_mention"]).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), row.Field(c["missing_element"])));
        return rows;
    }

    [Fact]
    public void EveryShippedCode_HasAReferenceRow_AndEveryReferenceCodeIsShipped()
    {
        var reference = ReadReference();
        var carcs = reference.Where(r => r.Kind == "carc").Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var rarcs = reference.Where(r => r.Kind == "rarc").Select(r => r.Code).ToHashSet(StringComparer.Ordinal);

        var carcsWithoutReference = Book.Carcs.Select(c => c.Code.Code).Where(c => !carcs.Contains(c)).ToList();
        var rarcsWithoutReference = Book.Rarcs.Select(r => r.Code.Code).Where(r => !rarcs.Contains(r)).ToList();
        var carcsNotShipped = carcs.Where(c => !Book.Carc(c).Known).ToList();
        var rarcsNotShipped = rarcs.Where(r => !Book.Rarc(r).Known).ToList();
        Assert.Empty(carcsWithoutReference);
        Assert.Empty(rarcsWithoutReference);
        Assert.Empty(carcsNotShipped);
        Assert.Empty(rarcsNotShipped);
    }

    [Fact]
    public void ShippedWording_SaysWhatTheX12TextSays()
    {
        var wrong = new List<string>();
        foreach (var r in ReadReference().Where(r => r.Verified))
        {
            var shipped = r.Kind == "carc" ? Book.Carc(r.Code).Description : Book.Rarc(r.Code).Text;
            foreach (var phrase in r.MustMention.Where(p => !shipped.Contains(p, StringComparison.OrdinalIgnoreCase)))
                wrong.Add($"{r.Kind} {r.Code}: \"{shipped}\" does not say \"{phrase}\" (X12: {r.X12Text})");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public void RemarkCodes_NameTheMissingElementTheX12TextNames()
    {
        var wrong = ReadReference().Where(r => r.Kind == "rarc")
            .Select(r => (r.Code, Expected: r.MissingElement, Shipped: Book.Rarc(r.Code).MissingElement?.ToString() ?? ""))
            .Where(x => x.Expected != x.Shipped)
            .Select(x => $"{x.Code}: shipped '{x.Shipped}', expected '{x.Expected}'").ToList();
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("12"), InlineData("256"), InlineData("284"), InlineData("288"), InlineData("131"), InlineData("133"), InlineData("237")]
    public void Carc_AddedFromTheX12List_IsKnown(string code) => Assert.True(Book.Carc(code).Known);
}
