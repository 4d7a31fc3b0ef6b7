using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterRecipientTests
{
    private readonly LetterRenderer _renderer = new();

    [Fact]
    public void Render_PayerWithPortalFaxAndAddress_PrefersPortal()
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        var context = full with { Payer = full.Payer! with { AppealPortalUrl = "https://portal.acme.example/appeals" } };

        var recipient = _renderer.Render(LetterType.Appeal, context).Recipient;

        Assert.Equal(new LetterRecipient(RecipientKind.Payer, "Acme Health Plan", DeliveryChannel.Portal, "https://portal.acme.example/appeals"), recipient);
    }

    [Fact]
    public void Render_PayerWithAddressOnly_IsMailedToTheAddress()
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        var context = full with { Payer = full.Payer! with { AppealFax = null } };

        var recipient = _renderer.Render(LetterType.Appeal, context).Recipient;

        Assert.Equal(DeliveryChannel.Mail, recipient.Channel);
        Assert.Equal("PO Box 6700\nFargo, ND 58108-6700", recipient.Address);
    }

    [Fact]
    public void Render_PayerWithoutAnyChannel_IsUnknownAndListedMissing()
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        var context = full with { Payer = full.Payer! with { AppealFax = null, AppealAddress = null } };

        var letter = _renderer.Render(LetterType.Appeal, context);

        Assert.Equal(DeliveryChannel.Unknown, letter.Recipient.Channel);
        Assert.Null(letter.Recipient.Address);
        Assert.Contains(new MissingField("payer.appealAddress", "Payer appeal address, fax or portal"), letter.MissingFields);
    }

    [Fact]
    public void Render_ProviderQuery_GoesToTheAttendingByEmail()
    {
        var letter = _renderer.Render(LetterType.DocumentationQuery, LetterFixtures.Full(LetterType.DocumentationQuery));

        Assert.Equal(new LetterRecipient(RecipientKind.Provider, "Dr. Ada Okafor", DeliveryChannel.Email, "dr.okafor@riverside.example"), letter.Recipient);
    }

    /// <summary>Without an attending provider on file the query goes to the practice: its name once, not "To: Clinic / Clinic".</summary>
    [Theory]
    [InlineData(LetterType.DocumentationQuery)]
    [InlineData(LetterType.CodingClarificationQuery)]
    public void Render_ProviderQueryWithoutAttending_NamesThePracticeOnce(LetterType type)
    {
        var full = LetterFixtures.Full(type);
        var letter = _renderer.Render(type, full with { Provider = full.Provider! with { AttendingName = null } });

        Assert.Equal("Riverside Family Medicine", letter.Recipient.Name);
        Assert.Contains("<p class=\"recipient\">To: Riverside Family Medicine</p>", letter.Html);

        var attending = _renderer.Render(type, full);
        Assert.Contains("<p class=\"recipient\">To: Dr. Ada Okafor<br>Riverside Family Medicine</p>", attending.Html);
    }

    [Fact]
    public void Render_MedicareLetterMissingMbi_ListsItWithTheMedicareLabel()
    {
        var full = LetterFixtures.Full(LetterType.MedicareRedetermination);
        var context = full with { Patient = full.Patient! with { MemberId = null } };

        var letter = _renderer.Render(LetterType.MedicareRedetermination, context);

        Assert.Equal([new MissingField("patient.memberId", "Medicare number (MBI)")], letter.MissingFields);
        Assert.Contains("<span class=\"needs-input\" data-field=\"patient.memberId\">[needs input: Medicare number (MBI)]</span>", letter.Html, StringComparison.Ordinal);
        Assert.False(letter.IsComplete);
    }

    [Fact]
    public void Render_MissingRebuttal_NamesTheCarc()
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        var context = full with { DenialReasons = [full.DenialReasons[0] with { Rebuttal = "  " }] };

        var letter = _renderer.Render(LetterType.Appeal, context);

        Assert.Equal([new MissingField("denialReasons[0].rebuttal", "Why CARC 50 does not apply (rebuttal from the evidence)")], letter.MissingFields);
    }

    [Fact]
    public void Render_EmptyContext_MedicareRedeterminationMatchesGoldenFile()
    {
        var letter = _renderer.Render(LetterType.MedicareRedetermination, LetterFixtures.Empty());

        var missing = string.Join("\n", letter.MissingFields.Select(f => $"<!-- missing: {f.Path} = {f.Label} -->"));
        GoldenFile.Verify("MedicareRedetermination.empty.html", $"<!-- subject: {letter.Subject} -->\n{missing}\n{letter.Html}");
    }
}
