using System.Text.Json.Nodes;

namespace DenialPipeline.Infra.Tests;

[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<BicepFixture>
{
    public const string Name = "bicep";
}

/// <summary>
/// Runs the Bicep CLI once per test run: build and lint of infra/main.bicep, build-params of main.bicepparam and
/// main.prod.bicepparam, two local snapshots of main.bicepparam (what ARM would deploy, evaluated offline by
/// `bicep snapshot`): the dev defaults and a production-like SFTP variant, and one of main.prod.bicepparam (network
/// isolation), each with its own azd environment variables. Each result is computed on first use, so a missing CLI fails each test with its own message.
/// </summary>
public sealed class BicepFixture : IDisposable
{
    public const string SubscriptionId = "11111111-1111-1111-1111-111111111111";
    public const string TenantId = "22222222-2222-2222-2222-222222222222";
    public const string AuthClientId = "33333333-3333-3333-3333-333333333333";
    public const string DeployerPrincipalId = "44444444-4444-4444-4444-444444444444";
    /// <summary>A payer's system allowed to call the API with its own token.</summary>
    public const string AllowedClientApp = "55555555-5555-5555-5555-555555555555";
    /// <summary>Looks like a SendGrid key; must never appear outside the Key Vault secret.</summary>
    public const string SendGridKeySentinel = "SG.sentinel-key.never-in-app-settings";
    public static readonly string[] SftpPayerIds = ["payeraetna", "payerbcbs"];

    private readonly string _temp = Directory.CreateTempSubdirectory("infra-tests-").FullName;
    private readonly Lazy<BicepResult> _lint;
    private readonly Lazy<CompiledTemplate> _build;
    private readonly Lazy<BicepResult> _buildParams;
    private readonly Lazy<Snapshot> _dev;
    private readonly Lazy<Snapshot> _sftp;
    private readonly Lazy<BicepResult> _buildProdParams;
    private readonly Lazy<Snapshot> _production;
    private readonly Lazy<Snapshot> _trustedServicesOnly;

    /// <summary>Sender fields the production snapshot sets (LETTERS_* azd variables), by Letters option name.</summary>
    public static readonly IReadOnlyDictionary<string, string> LetterSender = new Dictionary<string, string>
    {
        ["OrganizationName"] = "Springfield Family Clinic",
        ["AddressLine1"] = "12 Evergreen Terrace",
        ["AddressLine2"] = "Suite 3",
        ["City"] = "Springfield",
        ["State"] = "IL",
        ["PostalCode"] = "62704",
        ["Phone"] = "217-555-0100",
        ["SignerName"] = "Dana Reyes",
        ["SignerTitle"] = "Revenue Cycle Manager",
    };

    /// <summary>LOG_RETENTION_DAYS and AUDIT_LOG_RETENTION_DAYS of the production snapshot (not the files' defaults).</summary>
    public const int ProductionLogRetentionDays = 120;
    public const int ProductionAuditRetentionDays = 2555;

    public BicepFixture()
    {
        _lint = new(() => BicepCli.Run(RepoPaths.Root, null, "lint", RepoPaths.MainBicep));
        _build = new(BuildTemplate);
        _buildParams = new(() => BicepCli.Run(RepoPaths.Root, null, "build-params", RepoPaths.MainBicepParam, "--outfile", Path.Combine(_temp, "main.parameters.json")));
        _buildProdParams = new(() => BicepCli.Run(RepoPaths.Root, null, "build-params", RepoPaths.ProdBicepParam, "--outfile", Path.Combine(_temp, "main.prod.parameters.json")));
        // Production (infra/main.prod.bicepparam): network isolation by default; the environment even asks for deployer
        // data access, which the production file refuses.
        _production = new(() => TakeSnapshot("production", new Dictionary<string, string?>
        {
            ["AZURE_ENV_NAME"] = "prodtest",
            ["AZURE_LOCATION"] = "eastus2",
            ["AZURE_PRINCIPAL_ID"] = DeployerPrincipalId,
            ["GRANT_DEPLOYER_DATA_ACCESS"] = "true",
            ["AUTH_CLIENT_ID"] = AuthClientId,
            ["LOG_RETENTION_DAYS"] = ProductionLogRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AUDIT_LOG_RETENTION_DAYS"] = ProductionAuditRetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LETTERS_ORGANIZATION_NAME"] = LetterSender["OrganizationName"],
            ["LETTERS_ADDRESS_LINE1"] = LetterSender["AddressLine1"],
            ["LETTERS_ADDRESS_LINE2"] = LetterSender["AddressLine2"],
            ["LETTERS_CITY"] = LetterSender["City"],
            ["LETTERS_STATE"] = LetterSender["State"],
            ["LETTERS_POSTAL_CODE"] = LetterSender["PostalCode"],
            ["LETTERS_PHONE"] = LetterSender["Phone"],
            ["LETTERS_SIGNER_NAME"] = LetterSender["SignerName"],
            ["LETTERS_SIGNER_TITLE"] = LetterSender["SignerTitle"],
        }, "main.prod.bicepparam"));
        // azd's route to isolation (main.bicepparam with NETWORK_ISOLATION) and the storage fallback for Event Grid.
        _trustedServicesOnly = new(() => TakeSnapshot("trusted", new Dictionary<string, string?>
        {
            ["AZURE_ENV_NAME"] = "trustedtest",
            ["AZURE_LOCATION"] = "eastus2",
            ["NETWORK_ISOLATION"] = "true",
            ["STORAGE_TRUSTED_SERVICES_ONLY"] = "true",
        }));
        _dev = new(() => TakeSnapshot("dev", new Dictionary<string, string?>
        {
            ["AZURE_ENV_NAME"] = "citest",
            ["AZURE_LOCATION"] = "eastus2",
            ["AZURE_PRINCIPAL_ID"] = DeployerPrincipalId,
            ["GRANT_DEPLOYER_DATA_ACCESS"] = "true", // asked for: it is off by default
            ["AUTH_ALLOWED_CLIENT_APPS"] = AllowedClientApp,
            ["SENDGRID_API_KEY"] = SendGridKeySentinel,
            ["SENDGRID_FROM_EMAIL"] = "denials@example.org",
            ["AUTH_CLIENT_ID"] = AuthClientId,
        }));
        // Production-like: SFTP for two payers, no deployer data access, ZRS, purge protection, no auth client id.
        _sftp = new(() => TakeSnapshot("sftp", new Dictionary<string, string?>
        {
            ["AZURE_ENV_NAME"] = "sftptest",
            ["AZURE_LOCATION"] = "eastus2",
            ["AZURE_PRINCIPAL_ID"] = DeployerPrincipalId,
            ["GRANT_DEPLOYER_DATA_ACCESS"] = "false",
            ["STORAGE_SKU"] = "Standard_ZRS",
            ["KEY_VAULT_PURGE_PROTECTION"] = "true",
            ["SFTP_PAYERS_JSON"] = $$"""
                [
                  { "payerId": "{{SftpPayerIds[0]}}", "sshPublicKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA a@example"] },
                  { "payerId": "{{SftpPayerIds[1]}}", "sshPublicKeys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB b@example"] }
                ]
                """,
        }));
    }

    public BicepResult Lint => _lint.Value;

    public CompiledTemplate Build => _build.Value;

    public BicepResult BuildParams => _buildParams.Value;

    /// <summary>build-params of infra/main.prod.bicepparam.</summary>
    public BicepResult BuildProdParams => _buildProdParams.Value;

    /// <summary>infra/main.prod.bicepparam (network isolation on by default) with azd-like environment variables set.</summary>
    public Snapshot Production => _production.Value;

    /// <summary>main.bicepparam with NETWORK_ISOLATION=true and STORAGE_TRUSTED_SERVICES_ONLY=true.</summary>
    public Snapshot TrustedServicesOnly => _trustedServicesOnly.Value;

    /// <summary>The dev environment (infra/main.bicepparam) with azd-like environment variables set.</summary>
    public Snapshot Dev => _dev.Value;

    /// <summary>The same template with two SFTP payers.</summary>
    public Snapshot Sftp => _sftp.Value;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_temp, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run.
        }
    }

    private CompiledTemplate BuildTemplate()
    {
        var outFile = Path.Combine(_temp, "main.json");
        var result = BicepCli.Run(RepoPaths.Root, null, "build", RepoPaths.MainBicep, "--outfile", outFile);
        var json = result.ExitCode == 0 && File.Exists(outFile) ? JsonNode.Parse(File.ReadAllText(outFile))!.AsObject() : null;
        return new CompiledTemplate(result, json, json is null ? "" : File.ReadAllText(outFile));
    }

    /// <summary>
    /// Snapshots infra/main.bicepparam with the given azd environment, in a copy of infra/ (the command writes
    /// main.snapshot.json next to the parameters file, and the repository must stay untouched).
    /// </summary>
    private Snapshot TakeSnapshot(string name, IReadOnlyDictionary<string, string?> environment, string parameterFile = "main.bicepparam")
    {
        var infraCopy = Path.Combine(_temp, name, "infra");
        CopyDirectory(RepoPaths.Infra, infraCopy);

        var result = BicepCli.Run(infraCopy, environment, "snapshot", parameterFile, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", "eastus2");
        var file = Path.Combine(infraCopy, Path.GetFileNameWithoutExtension(parameterFile) + ".snapshot.json");
        if (result.ExitCode != 0 || !File.Exists(file))
            throw new InvalidOperationException($"Snapshot {name} failed.\n{result}");
        return new Snapshot(result, JsonNode.Parse(File.ReadAllText(file))!.AsObject());
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".snapshot.json", StringComparison.Ordinal))
                continue;
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }
}

/// <summary>The ARM JSON `bicep build` produced (null when the build failed).</summary>
public sealed record CompiledTemplate(BicepResult Result, JsonObject? Json, string Text)
{
    public JsonObject Require() => Json ?? throw new InvalidOperationException($"bicep build failed.\n{Result}");

    /// <summary>Every template in the file, by name: "main" and each module's nested template (its deployment name).</summary>
    public IEnumerable<(string Name, JsonObject Template)> NamedTemplates()
    {
        var stack = new Stack<(string, JsonObject)>([("main", Require())]);
        while (stack.Count > 0)
        {
            var (name, template) = stack.Pop();
            yield return (name, template);
            foreach (var resource in Resources(template))
            {
                if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
                    stack.Push(((string?)resource["name"] ?? "?", nested));
            }
        }
    }

    /// <summary>Every template in the file: main and each module's nested template.</summary>
    public IEnumerable<JsonObject> Templates() => NamedTemplates().Select(t => t.Template);

    /// <summary>Resources of a template, whether written as an array or (symbolic names) as an object.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject map => map.Select(kv => kv.Value).OfType<JsonObject>(),
        _ => [],
    };
}

/// <summary>The predicted resources of a deployment, from `bicep snapshot`.</summary>
public sealed record Snapshot(BicepResult Result, JsonObject Json)
{
    public IReadOnlyList<JsonObject> Resources =>
        Json["predictedResources"]!.AsArray().OfType<JsonObject>().ToList();

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>Last segment of each resource name of that type (queue, table, container names ...).</summary>
    public IReadOnlyList<string> LeafNames(string type) =>
        OfType(type).Select(r => ((string)r["name"]!).Split('/')[^1]).ToList();

    public JsonObject Single(string type, string leafName) =>
        OfType(type).Single(r => ((string)r["name"]!).Split('/')[^1] == leafName);

    public JsonObject Single(string type) => OfType(type).Single();

    public JsonObject Outputs => Json["outputs"]!.AsObject();
}
