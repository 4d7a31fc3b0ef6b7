using DenialPipeline.Cases;
using System.Text.RegularExpressions;
using DenialPipeline.Api;
using DenialPipeline.Delivery;

namespace DenialPipeline.Tests.Docs;

/// <summary>Statements in the README and docs/web.md that repeat a value from the code must say what the code does.</summary>
public sealed partial class DocsAgreeWithCodeTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DenialPipeline.sln"))) return dir.FullName;
        throw new InvalidOperationException("DenialPipeline.sln not found above the test binaries.");
    }

    private static string Read(string relative) => Regex.Replace(File.ReadAllText(Path.Combine(Root(), relative)), @"\s+", " ");

    [Fact]
    public void Guarantees_DeliveryClaimExpiry_IsTheClaimLease()
    {
        var m = ClaimExpiry().Match(Read("docs/guarantees.md"));
        Assert.True(m.Success, "docs/guarantees.md no longer says when the delivery claim expires.");
        var n = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stated = m.Groups["unit"].Value.StartsWith("min", StringComparison.Ordinal) ? TimeSpan.FromMinutes(n) : TimeSpan.FromSeconds(n);
        Assert.Equal(DeliverHandler.ClaimLease, stated);
    }

    [Fact]
    public void WebDoc_UploadRoles_AreApiPolicyUpload()
    {
        var row = Read("docs/web.md").Split(" | `POST /api/files?name=FILE` |", 2);
        Assert.True(row.Length == 2, "docs/web.md has no row for POST /api/files?name=FILE.");
        var text = row[1].Split(" | ", 2)[0];
        var named = Enum.GetValues<Role>().Where(r => Regex.IsMatch(text, $@"\b{r}\b")).Order();
        Assert.Equal(ApiPolicy.Upload.Order(), named);
    }

    /// <summary>One status model (issue #7): the web pages' list and the README's status line name exactly the enum's values.</summary>
    [Fact]
    public void CaseStatuses_InTheWebPagesAndTheReadme_AreTheEnum()
    {
        var names = Enum.GetNames<DenialPipeline.Cases.CaseStatus>();
        var js = Read("src/Shared/Web/wwwroot/api.js");
        var list = Regex.Match(js, @"export const STATUSES = \[(?<items>[^\]]*)\]");
        Assert.True(list.Success, "api.js no longer exports STATUSES.");
        Assert.Equal(names, Regex.Matches(list.Groups["items"].Value, "'(?<s>[A-Za-z]+)'").Select(m => m.Groups["s"].Value));

        var readme = Read("README.md").Split("### Case statuses", 2);
        Assert.True(readme.Length == 2, "README.md has no 'Case statuses' section.");
        var line = readme[1].Split(". ", 2)[0]; // the status line, up to "plus `Unmatched` (…) and `Failed` (…)."
        foreach (var name in names) Assert.Matches($@"`{name}`|\b{name}\b", line);
    }

    [GeneratedRegex(@"the claim expires after (?<n>\d+) ?(?<unit>s\b|seconds?|minutes?)")]
    private static partial Regex ClaimExpiry();
}
