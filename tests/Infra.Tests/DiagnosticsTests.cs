using System.Text.Json.Nodes;

namespace DenialPipeline.Infra.Tests;

/// <summary>
/// Issue 18: who read PHI is auditable. Storage (blob, queue, table: reads, writes, deletes), Key Vault (AuditEvent) and
/// the function app (FunctionAppLogs) send their logs to the deployment's Log Analytics workspace, in every shape, and
/// the retention parameters reach the workspace and the audit tables (not the retired diagnostic-setting retention).
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class DiagnosticsTests(BicepFixture bicep)
{
    private const string DiagnosticSettings = "Microsoft.Insights/diagnosticSettings";
    private static readonly string[] StorageCategories = ["StorageRead", "StorageWrite", "StorageDelete"];

    public static TheoryData<string> Variants => ["dev", "sftp", "production"];

    private Snapshot Variant(string name) => name switch
    {
        "dev" => bicep.Dev,
        "sftp" => bicep.Sftp,
        _ => bicep.Production,
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void EachStorageService_SendsReadsWritesAndDeletes_ToTheWorkspace(string variant)
    {
        var snapshot = Variant(variant);
        var account = (string)snapshot.Single("Microsoft.Storage/storageAccounts")["id"]!;
        foreach (var service in new[] { "blobServices", "queueServices", "tableServices" })
        {
            var setting = SettingOn(snapshot, $"{account}/{service}/default");
            Assert.Equal(StorageCategories, EnabledCategories(setting));
        }

        // Nothing on the account itself: it has no log categories, and a second setting would duplicate nothing useful.
        Assert.DoesNotContain(snapshot.OfType(DiagnosticSettings), s => ((string)s["id"]!).StartsWith(account + "/providers/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void KeyVault_SendsAuditEvent_ToTheWorkspace(string variant)
    {
        var snapshot = Variant(variant);
        var setting = SettingOn(snapshot, (string)snapshot.Single("Microsoft.KeyVault/vaults")["id"]!);
        Assert.Equal(["AuditEvent"], EnabledCategories(setting));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void FunctionApp_SendsFunctionAppLogs_ToTheWorkspace(string variant)
    {
        var snapshot = Variant(variant);
        var setting = SettingOn(snapshot, (string)snapshot.Single("Microsoft.Web/sites")["id"]!);
        Assert.Equal(["FunctionAppLogs"], EnabledCategories(setting));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EveryDiagnosticSetting_TargetsTheDeploymentsWorkspace_WithoutTheRetiredRetentionPolicy(string variant)
    {
        var snapshot = Variant(variant);
        var workspace = (string)snapshot.Single("Microsoft.OperationalInsights/workspaces")["id"]!;
        var settings = snapshot.OfType(DiagnosticSettings).ToList();
        Assert.Equal(5, settings.Count);
        foreach (var setting in settings)
        {
            Assert.Equal(workspace, (string?)setting["properties"]!["workspaceId"]);
            foreach (var log in setting["properties"]!["logs"]!.AsArray())
                Assert.Null(log!["retentionPolicy"]);
        }
    }

    [Fact]
    public void Retention_ParametersReachTheWorkspaceAndEveryAuditTable()
    {
        var workspace = bicep.Production.Single("Microsoft.OperationalInsights/workspaces");
        Assert.Equal(BicepFixture.ProductionLogRetentionDays, (int)workspace["properties"]!["retentionInDays"]!);

        var tables = bicep.Production.OfType("Microsoft.OperationalInsights/workspaces/tables")
            .ToDictionary(t => ((string)t["name"]!).Split('/')[^1]);
        // Where each diagnostic setting writes: resource-specific storage and function tables, AzureDiagnostics for Key Vault.
        Assert.Equal(
            new[] { "AzureDiagnostics", "FunctionAppLogs", "StorageBlobLogs", "StorageQueueLogs", "StorageTableLogs" },
            tables.Keys.Order(StringComparer.Ordinal));
        foreach (var table in tables.Values)
        {
            Assert.Equal(BicepFixture.ProductionLogRetentionDays, (int)table["properties"]!["retentionInDays"]!);
            Assert.Equal(BicepFixture.ProductionAuditRetentionDays, (int)table["properties"]!["totalRetentionInDays"]!);
        }
    }

    [Fact]
    public void Retention_Defaults_DevShort_ProductionSixYears()
    {
        var dev = bicep.Dev.OfType("Microsoft.OperationalInsights/workspaces/tables").ToList();
        Assert.NotEmpty(dev);
        Assert.All(dev, t => Assert.Equal(90, (int)t["properties"]!["totalRetentionInDays"]!));
        Assert.Equal(30, (int)bicep.Dev.Single("Microsoft.OperationalInsights/workspaces")["properties"]!["retentionInDays"]!);

        Assert.Contains("readEnvironmentVariable('AUDIT_LOG_RETENTION_DAYS', '2190')", File.ReadAllText(RepoPaths.ProdBicepParam), StringComparison.Ordinal);
        Assert.Contains("param auditLogTotalRetentionInDays int = 2190", File.ReadAllText(RepoPaths.MainBicep), StringComparison.Ordinal);
    }

    private static JsonObject SettingOn(Snapshot snapshot, string scope) =>
        Assert.Single(snapshot.OfType(DiagnosticSettings), s => ((string)s["id"]!).StartsWith(scope + "/providers/Microsoft.Insights/diagnosticSettings/", StringComparison.OrdinalIgnoreCase));

    private static List<string> EnabledCategories(JsonObject setting) =>
        setting["properties"]!["logs"]!.AsArray().Where(l => (bool)l!["enabled"]!).Select(l => (string)l!["category"]!).ToList();
}
