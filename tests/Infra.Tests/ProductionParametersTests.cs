using System.Reflection;
using DenialPipeline.Letters;

namespace DenialPipeline.Infra.Tests;

/// <summary>
/// The production parameter file (infra/main.prod.bicepparam) and the Letters__* settings: a deployment drafts letters
/// with its own sender block instead of leaving the sender fields to the coder.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class ProductionParametersTests(BicepFixture bicep)
{
    [Fact]
    public void BuildParams_ProductionParameters_SucceedsWithoutDiagnostics()
    {
        var result = bicep.BuildProdParams;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
        Assert.Empty(bicep.Production.Json["diagnostics"]!.AsArray());
    }

    [Fact]
    public void BothParameterFiles_ReadTheSameAzdVariables_ExceptDeployerDataAccess()
    {
        var dev = BicepCli.ParameterFileVariables(RepoPaths.MainBicepParam);
        var production = BicepCli.ParameterFileVariables(RepoPaths.ProdBicepParam);
        Assert.Equal(dev.Where(v => v != "GRANT_DEPLOYER_DATA_ACCESS").Order(StringComparer.Ordinal), production.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Production_NeverGrantsTheDeployerDataAccess_EvenWhenTheEnvironmentAsks()
    {
        // The production snapshot sets GRANT_DEPLOYER_DATA_ACCESS=true.
        Assert.Contains("param grantDeployerDataAccess = false", File.ReadAllText(RepoPaths.ProdBicepParam), StringComparison.Ordinal);
        Assert.DoesNotContain(bicep.Production.OfType("Microsoft.Authorization/roleAssignments"),
            r => (string?)r["properties"]!["principalId"] == BicepFixture.DeployerPrincipalId);
    }

    [Fact]
    public void Production_ZoneRedundantStorage_PurgeProtectedVault()
    {
        Assert.Equal("Standard_ZRS", (string?)bicep.Production.Single("Microsoft.Storage/storageAccounts")["sku"]!["name"]);
        Assert.True((bool)bicep.Production.Single("Microsoft.KeyVault/vaults")["properties"]!["enablePurgeProtection"]!);
    }

    [Fact]
    public void LetterSender_EverySenderOption_IsSetFromItsAzdVariable()
    {
        var settings = StorageConsistencyTests.FunctionAppSettings(bicep.Production);
        foreach (var option in SenderOptions())
        {
            var name = $"{LetterOptions.Section}__{option}";
            Assert.True(settings.TryGetValue(name, out var value), $"App setting {name} is not set from the parameters.");
            Assert.Equal(BicepFixture.LetterSender[option], value);
        }
    }

    [Fact]
    public void LetterSender_EmptyValues_AreLeftUnset_SoTheLetterFallsBackToThe835Payee()
    {
        // An empty Letters__OrganizationName would bind as "" and blank the provider name instead of taking the 835's.
        var settings = StorageConsistencyTests.FunctionAppSettings(bicep.Dev);
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith(LetterOptions.Section + "__", StringComparison.Ordinal));
    }

    [Fact]
    public void LetterSender_BothParameterFiles_ReadEveryOption()
    {
        foreach (var file in new[] { RepoPaths.MainBicepParam, RepoPaths.ProdBicepParam })
        {
            var text = File.ReadAllText(file);
            foreach (var option in SenderOptions())
                Assert.Contains($"param letters{option} = readEnvironmentVariable('LETTERS_", text, StringComparison.Ordinal);
        }
    }

    /// <summary>The sender fields of <see cref="LetterOptions"/>: every string option except the template folder (a local path).</summary>
    internal static IReadOnlyList<string> SenderOptions() =>
        typeof(LetterOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.Name != nameof(LetterOptions.TemplateOverrideDirectory))
            .Select(p => p.Name)
            .ToList();
}
