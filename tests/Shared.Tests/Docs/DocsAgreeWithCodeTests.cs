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
    public void Readme_DeliveryClaimExpiry_IsTheClaimLease()
    {
        var m = ClaimExpiry().Match(Read("README.md"));
        Assert.True(m.Success, "README.md no longer says when the delivery claim expires.");
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

    [GeneratedRegex(@"the claim expires after (?<n>\d+) ?(?<unit>s\b|seconds?|minutes?)")]
    private static partial Regex ClaimExpiry();
}
