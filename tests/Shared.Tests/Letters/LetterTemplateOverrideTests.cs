using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

public sealed class LetterTemplateOverrideTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("letters-override-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LetterContext ForPayer(string payerId)
    {
        var full = LetterFixtures.Full(LetterType.Appeal);
        return full with { Payer = full.Payer! with { Id = payerId } };
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Render_EmbeddedPayerOverride_WinsOverDefault()
    {
        var renderer = new LetterRenderer();

        var sample = renderer.Render(LetterType.Appeal, ForPayer("SAMPLE"));
        var other = renderer.Render(LetterType.Appeal, ForPayer("ACME01"));

        Assert.Equal("embedded:payers/SAMPLE/Appeal", sample.TemplateSource);
        Assert.Contains("SAMPLE Health Plan – Provider Appeal Form", sample.Html, StringComparison.Ordinal);
        Assert.StartsWith("SAMPLE payer appeal form", sample.Subject, StringComparison.Ordinal);
        Assert.Equal("embedded:Appeal", other.TemplateSource);
    }

    [Fact]
    public void Render_DiskPayerOverride_WinsOverEmbeddedPayerOverride()
    {
        Write("payers/SAMPLE/Appeal.liquid", "{% capture subject %}Disk form {{ claim.payerClaimNumber }}{% endcapture %}<p>Disk form for {{ patient.name }}</p>");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        var letter = renderer.Render(LetterType.Appeal, ForPayer("SAMPLE"));

        Assert.Equal("disk:payers/SAMPLE/Appeal", letter.TemplateSource);
        Assert.Equal("Disk form 22026300123456", letter.Subject);
        Assert.Contains("<p>Disk form for Maria Ñúñez</p>", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DiskDefaultOverride_ReplacesEmbeddedDefaultButNotPayerTemplates()
    {
        Write("Appeal.liquid", "{% capture subject %}Deployment appeal{% endcapture %}<p>{{ request.action }}</p>");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        Assert.Equal("disk:Appeal", renderer.Render(LetterType.Appeal, ForPayer("ACME01")).TemplateSource);
        Assert.Equal("embedded:payers/SAMPLE/Appeal", renderer.Render(LetterType.Appeal, ForPayer("SAMPLE")).TemplateSource);
    }

    [Fact]
    public void Render_DiskPartialOverride_IsUsedByEmbeddedTemplate()
    {
        Write("payers/ACME01/_signature.liquid", "<p class=\"signature\">Signed for ACME: {{ provider.signerName }}</p>");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        var letter = renderer.Render(LetterType.Appeal, ForPayer("ACME01"));

        Assert.Equal("embedded:Appeal", letter.TemplateSource);
        Assert.Contains("Signed for ACME: Jordan Lee, CPC", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DiskTemplateEdited_IsPickedUpWithoutRestart()
    {
        Write("Appeal.liquid", "{% capture subject %}v1{% endcapture %}<p>v1</p>");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });
        Assert.Equal("v1", renderer.Render(LetterType.Appeal, ForPayer("ACME01")).Subject);

        Write("Appeal.liquid", "{% capture subject %}v2{% endcapture %}<p>v2</p>");
        File.SetLastWriteTimeUtc(Path.Combine(_dir, "Appeal.liquid"), DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("v2", renderer.Render(LetterType.Appeal, ForPayer("ACME01")).Subject);
    }

    [Theory]
    [InlineData("../SAMPLE")]
    [InlineData("x/../SAMPLE")]
    [InlineData("SAMPLE/../SAMPLE")]
    [InlineData("..")]
    [InlineData("/etc")]
    public void Render_PayerIdWithPathCharacters_IgnoresPayerOverrides(string payerId)
    {
        Write("payers/SAMPLE/Appeal.liquid", "{% capture subject %}wrong{% endcapture %}wrong");
        Write("SAMPLE/Appeal.liquid", "{% capture subject %}wrong{% endcapture %}wrong");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        var letter = renderer.Render(LetterType.Appeal, ForPayer(payerId));

        Assert.Equal("embedded:Appeal", letter.TemplateSource);
    }

    [Fact]
    public void Render_TemplateAsksForUnknownField_ThrowsWithTheName()
    {
        Write("Appeal.liquid", "{% capture subject %}x{% endcapture %}{{ patient.favouriteColour }}");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        var error = Assert.Throws<LetterTemplateException>(() => renderer.Render(LetterType.Appeal, ForPayer("ACME01")));
        Assert.Contains("patient.favouriteColour", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplateAsksForUnknownVariable_Throws()
    {
        Write("Appeal.liquid", "{% capture subject %}x{% endcapture %}{{ pateint.name }}");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        var error = Assert.Throws<LetterTemplateException>(() => renderer.Render(LetterType.Appeal, ForPayer("ACME01")));
        Assert.Contains("disk:Appeal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TemplateThatDoesNotParse_Throws()
    {
        Write("Appeal.liquid", "{% if patient.name %}unclosed");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        Assert.Throws<LetterTemplateException>(() => renderer.Render(LetterType.Appeal, ForPayer("ACME01")));
    }

    [Fact]
    public void Render_TemplateWithoutSubject_Throws()
    {
        Write("Appeal.liquid", "<p>no subject</p>");
        var renderer = new LetterRenderer(new LetterRendererOptions { OverrideDirectory = _dir });

        Assert.Throws<LetterTemplateException>(() => renderer.Render(LetterType.Appeal, ForPayer("ACME01")));
    }

    [Fact]
    public void EmbeddedTemplates_ExistForEveryLetterType()
    {
        var names = new LetterRenderer().EmbeddedTemplateNames.ToHashSet();

        Assert.All(LetterFixtures.AllTypes, type => Assert.Contains(type.ToString(), names));
    }
}
