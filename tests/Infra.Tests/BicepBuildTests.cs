namespace DenialPipeline.Infra.Tests;

/// <summary>The templates compile and lint clean: any warning (linter or compiler) fails.</summary>
[Collection(BicepCollection.Name)]
public sealed class BicepBuildTests(BicepFixture bicep)
{
    [Fact]
    public void Locate_NuGetRootWithoutThePackage_FailsWithRestoreHint()
    {
        var empty = Directory.CreateTempSubdirectory("no-nuget-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => BicepCli.Locate(empty, BicepCli.PinnedVersion()));
            Assert.Contains("dotnet restore", error.Message, StringComparison.Ordinal);
            Assert.Contains(BicepCli.PackageId, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Build_MainBicep_SucceedsWithoutDiagnostics()
    {
        var result = bicep.Build.Result;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
        Assert.NotNull(bicep.Build.Json);
    }

    [Fact]
    public void Lint_MainBicep_SucceedsWithoutDiagnostics()
    {
        var result = bicep.Lint;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void BuildParams_DevParameters_SucceedsWithoutDiagnostics()
    {
        var result = bicep.BuildParams;
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Diagnostics.Count == 0, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Snapshot_DevAndSftp_PredictWithoutDiagnostics()
    {
        Assert.Empty(bicep.Dev.Json["diagnostics"]!.AsArray());
        Assert.Empty(bicep.Sftp.Json["diagnostics"]!.AsArray());
    }

    [Fact]
    public void BicepConfig_RaisesDefaultLinterRulesToError()
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")))!;
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        foreach (var rule in new[] { "no-unused-params", "no-unused-vars", "no-hardcoded-env-urls", "outputs-should-not-contain-secrets", "secure-secrets-in-params", "use-secure-value-for-secure-inputs", "use-stable-resource-identifiers" })
            Assert.Equal("error", (string?)rules[rule]?["level"]);
    }

    [Fact]
    public void EveryParameter_InEveryTemplate_HasADescription()
    {
        var missing = new List<string>();
        foreach (var (source, template) in bicep.Build.NamedTemplates())
        {
            foreach (var (name, value) in template["parameters"]?.AsObject() ?? [])
            {
                if (string.IsNullOrWhiteSpace((string?)value?["metadata"]?["description"]))
                    missing.Add($"{name} (module {source})");
            }
        }

        Assert.True(missing.Count == 0, "Parameters without @description: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    public void Outputs_IncludeWhatAzdConsumes(string output)
    {
        Assert.True(bicep.Build.Require()["outputs"]!.AsObject().ContainsKey(output), $"main.bicep has no output {output}.");
    }

    [Fact]
    public void AzureYaml_DeploysApiServiceAsFunctionFromDenialFunctions()
    {
        var yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "azure.yaml"));
        Assert.Matches(@"(?m)^services:\s*\n\s+api:\s*\n(\s+\S.*\n)*?\s+project:\s*\./src/DenialFunctions/?\s*$", yaml);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", yaml);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", yaml);
        Assert.Equal("api", (string?)bicep.Dev.Single("Microsoft.Web/sites")["tags"]?["azd-service-name"]);
    }

    [Fact]
    public void DeployDoc_DescribesEveryParameter_AndEveryAppRole()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploy.md"));
        foreach (var (name, _) in bicep.Build.Require()["parameters"]!.AsObject())
            Assert.True(doc.Contains($"`{name}`", StringComparison.Ordinal), $"docs/deploy.md does not describe parameter {name}.");
        foreach (var role in new[] { "Coder", "Manager", "Admin", "Payer" })
            Assert.Contains($"\"value\": \"{role}\"", doc, StringComparison.Ordinal);
    }

    [Fact]
    public void CiScript_Exists()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ".ci", "bicep-build.sh")));
    }
}
