using System.Net;
using System.Text.Json;
using DenialPipeline.Testing;
using Microsoft.Playwright;

namespace DenialPipeline.Browser.Tests;

/// <summary>
/// A drafted letter with a missing field (neither the payer's record nor the 835 gives an appeal address, fax, portal or
/// email): the letter page shows the field by its label, and the coder fills it and saves (the API's missing fields are
/// <c>{path, label}</c> objects; the page must key the value by the path).
/// </summary>
public sealed class LetterFieldsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private PipelineFixture Pipeline => browser.Pipeline;

    private const string AcmePayerId = "87726";
    private const string AddressPath = "payer.appealAddress";
    private const string AddressLabel = "Payer appeal address, fax or portal";

    /// <summary>The sample payers, with ACME's appeal address, fax, portal and email left empty.</summary>
    private const string PayersWithoutAcmeChannels =
        "payer_id,name,kind,appeal_window_days,timely_filing_days,appeal_address,appeal_fax,appeal_portal,appeal_email\n" +
        "15202,MEDICARE PART B JURISDICTION 15,Medicare,120,365,\"PO Box 7000, Columbus OH 43215\",,,\n" +
        "87726,ACME HEALTH PLAN,Commercial,180,90,,,,\n";

    [SkippableFact]
    public async Task MissingField_ShowsItsLabel_AndFillingItRemovesTheMarker()
    {
        Skip.IfNot(Chromium.Available, Chromium.SkipReason);
        var import = await Pipeline.Http.PostAsync("/api/records?name=payers.csv", new StringContent(PayersWithoutAcmeChannels));
        Assert.True(import.IsSuccessStatusCode, $"importing the payers answered {(int)import.StatusCode}");
        // The 835's payer address (N3/N4 after N1*PR) is the letters' fallback: this copy of the sample has none.
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "acme-health-2026-11-05.835"));
        var withoutPayerAddress = sample.Replace("N3*PO BOX 1000~\n", "", StringComparison.Ordinal).Replace("N4*COLUMBUS*OH*43215~\n", "", StringComparison.Ordinal);
        Assert.NotEqual(sample, withoutPayerAddress);
        await Pipeline.DropAsync("acme-without-payer-address.835", withoutPayerAddress);
        var letterId = await PipelineFixture.EventuallyAsync(() => PendingLetterMissingAsync(AddressPath), id => id is not null,
            $"a pending letter to payer {AcmePayerId} missing {AddressPath}");

        var tab = await browser.OpenAsync($"/letter.html?id={letterId}", user: "coder");
        var page = tab.Page;
        var missing = page.Locator("ul#missing");
        await Assertions.Expect(missing).ToContainTextAsync(AddressLabel);
        await Assertions.Expect(missing).Not.ToContainTextAsync("[object Object]");
        await Assertions.Expect(page.Locator("#fields")).Not.ToContainTextAsync("[object Object]");
        var input = page.GetByLabel(AddressLabel);
        Assert.Equal(AddressPath, await input.GetAttributeAsync("data-field"));
        await tab.ScreenshotAsync("letter-missing-field-1280.png");

        const string address = "Appeals Unit, PO Box 1000, Columbus OH 43215";
        await input.FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the fields" }).ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("version 2");
        await Assertions.Expect(page.Locator("#missing")).ToContainTextAsync("None: every field the letter needs was found.");
        await Assertions.Expect(page.Locator("#fields")).ToHaveCountAsync(0);

        var r = await Pipeline.Http.GetAsync($"/api/letters/{letterId}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var letter = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, letter.GetProperty("letter").GetProperty("version").GetInt32());
        Assert.Empty(letter.GetProperty("missingFields").EnumerateArray());
        var html = letter.GetProperty("html").GetString()!;
        Assert.Contains(address, html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-field=\"{AddressPath}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("needs input", html, StringComparison.Ordinal);
        tab.AssertNoErrors();
    }

    private async Task<string?> PendingLetterMissingAsync(string path)
    {
        var letters = await Pipeline.GetJsonAsync("/api/letters?status=pending");
        if (letters.ValueKind != JsonValueKind.Array) return null;
        foreach (var l in letters.EnumerateArray())
        {
            var id = l.GetProperty("id").GetString()!;
            var detail = await Pipeline.GetJsonAsync($"/api/letters/{id}");
            if (detail.ValueKind == JsonValueKind.Object &&
                detail.GetProperty("missingFields").EnumerateArray().Any(f => f.GetProperty("path").GetString() == path))
                return id;
        }
        return null;
    }
}
