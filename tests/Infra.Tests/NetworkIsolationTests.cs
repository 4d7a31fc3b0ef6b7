using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DenialPipeline.Infra.Tests;

/// <summary>
/// Issue 18: with networkIsolation (the production parameter file) Storage and Key Vault have no public network access
/// and are reached through private endpoints registered in privatelink DNS zones linked to a VNet the function app is
/// integrated with; without it (dev) the shape is the one before: public endpoints, Entra ID only, no network resources.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed partial class NetworkIsolationTests(BicepFixture bicep)
{
    private const string PrivateEndpoints = "Microsoft.Network/privateEndpoints";
    private const string ZoneGroups = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
    private const string Zones = "Microsoft.Network/privateDnsZones";
    private const string ZoneLinks = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";

    // What environment() answers in the public cloud: snapshots leave it unevaluated.
    private static readonly Dictionary<string, string> PublicCloudSuffixes = new()
    {
        ["storage"] = "core.windows.net",
        ["keyvaultDns"] = ".vault.azure.net",
    };

    /// <summary>The privatelink zone each private endpoint's sub-resource must be registered in (public cloud).</summary>
    private static readonly Dictionary<string, string> ExpectedZones = new()
    {
        ["blob"] = "privatelink.blob.core.windows.net",
        ["queue"] = "privatelink.queue.core.windows.net",
        ["table"] = "privatelink.table.core.windows.net",
        ["vault"] = "privatelink.vault.azure.net",
    };

    public static TheoryData<string> PublicVariants => ["dev", "sftp"];

    private Snapshot Variant(string name) => name == "dev" ? bicep.Dev : bicep.Sftp;

    [Fact]
    public void ProductionParameterFile_TurnsNetworkIsolationOnByDefault_DevFileOff()
    {
        Assert.Contains("param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'true'))", File.ReadAllText(RepoPaths.ProdBicepParam), StringComparison.Ordinal);
        Assert.Contains("param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'false'))", File.ReadAllText(RepoPaths.MainBicepParam), StringComparison.Ordinal);
        Assert.Contains("param networkIsolation bool = false", File.ReadAllText(RepoPaths.MainBicep), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublicVariants))]
    public void WithoutIsolation_NoNetworkResources_AndPublicEndpointsAsBefore(string variant)
    {
        var snapshot = Variant(variant);
        Assert.DoesNotContain(snapshot.Resources, r => ((string)r["type"]!).StartsWith("Microsoft.Network/", StringComparison.OrdinalIgnoreCase));

        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults" })
        {
            var properties = snapshot.Single(type)["properties"]!;
            Assert.Equal("Enabled", (string?)properties["publicNetworkAccess"]);
            Assert.Equal("Allow", (string?)properties["networkAcls"]!["defaultAction"]);
        }

        Assert.Null(snapshot.Single("Microsoft.Web/sites")["properties"]!["virtualNetworkSubnetId"]);
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.KeyVault/vaults")]
    public void WithIsolation_StorageAndVault_PublicNetworkAccessDisabled_DenyByDefault(string type)
    {
        var properties = bicep.Production.Single(type)["properties"]!;
        Assert.Equal("Disabled", (string?)properties["publicNetworkAccess"]);
        Assert.Equal("Deny", (string?)properties["networkAcls"]!["defaultAction"]);
        // Event Grid delivers to the denial-files queue with its system identity as a trusted service.
        Assert.Equal("AzureServices", (string?)properties["networkAcls"]!["bypass"]);
        Assert.Empty(properties["networkAcls"]!["ipRules"]?.AsArray() ?? []);
        Assert.Empty(properties["networkAcls"]!["virtualNetworkRules"]?.AsArray() ?? []);
    }

    [Fact]
    public void WithIsolation_TrustedServicesOnly_KeepsTheStoragePublicEndpointForTrustedServicesAlone()
    {
        // The fallback Event Grid's documentation describes: the endpoint answers, but only trusted services get through.
        var snapshot = bicep.TrustedServicesOnly;
        var storage = snapshot.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.Equal("Enabled", (string?)storage["publicNetworkAccess"]);
        Assert.Equal("Deny", (string?)storage["networkAcls"]!["defaultAction"]);
        Assert.Equal("AzureServices", (string?)storage["networkAcls"]!["bypass"]);
        Assert.Empty(storage["networkAcls"]!["ipRules"]?.AsArray() ?? []);
        Assert.Empty(storage["networkAcls"]!["virtualNetworkRules"]?.AsArray() ?? []);

        // Everything else stays isolated: the vault, the endpoints, the VNet integration.
        Assert.Equal("Disabled", (string?)snapshot.Single("Microsoft.KeyVault/vaults")["properties"]!["publicNetworkAccess"]);
        Assert.Equal(4, snapshot.OfType(PrivateEndpoints).Count());
        Assert.NotNull(snapshot.Single("Microsoft.Web/sites")["properties"]!["virtualNetworkSubnetId"]);
        Assert.Contains("readEnvironmentVariable('STORAGE_TRUSTED_SERVICES_ONLY', 'false')", File.ReadAllText(RepoPaths.ProdBicepParam), StringComparison.Ordinal);
    }

    [Fact]
    public void WithIsolation_EventGrid_StillDeliversWithTheTopicsSystemIdentity()
    {
        // Through a storage firewall Event Grid can deliver only with a system-assigned identity (not a user-assigned
        // one) and the trusted-services exception: both must stay.
        var topic = bicep.Production.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);
        foreach (var subscription in bicep.Production.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"))
            Assert.Equal("SystemAssigned", (string?)subscription["properties"]!["deliveryWithResourceIdentity"]!["identity"]!["type"]);
    }

    [Fact]
    public void WithIsolation_OnePrivateEndpointPerStorageServiceAndTheVault_OnTheEndpointSubnet()
    {
        var storage = (string)bicep.Production.Single("Microsoft.Storage/storageAccounts")["id"]!;
        var vault = (string)bicep.Production.Single("Microsoft.KeyVault/vaults")["id"]!;
        var vnet = bicep.Production.Single("Microsoft.Network/virtualNetworks");
        var endpointSubnet = $"{(string)vnet["id"]!}/subnets/snet-private-endpoints";

        var targets = new List<(string Group, string Target)>();
        foreach (var endpoint in bicep.Production.OfType(PrivateEndpoints))
        {
            Assert.Equal(endpointSubnet, (string?)endpoint["properties"]!["subnet"]!["id"]);
            var connection = Assert.Single(endpoint["properties"]!["privateLinkServiceConnections"]!.AsArray())!["properties"]!;
            targets.Add(((string)Assert.Single(connection["groupIds"]!.AsArray())!, (string)connection["privateLinkServiceId"]!));
        }

        // No file endpoint: Flex Consumption has no content share and the code uses no Azure Files.
        Assert.Equal(
            [("blob", storage), ("queue", storage), ("table", storage), ("vault", vault)],
            targets.OrderBy(t => t.Group, StringComparer.Ordinal));
    }

    [Fact]
    public void WithIsolation_EachEndpoint_IsRegisteredInItsPrivatelinkZone_LinkedToTheVnet()
    {
        var vnetId = (string)bicep.Production.Single("Microsoft.Network/virtualNetworks")["id"]!;
        var zonesById = bicep.Production.OfType(Zones).ToDictionary(z => (string)z["id"]!, z => PublicCloudName((string)z["name"]!));
        Assert.Equal(ExpectedZones.Values.Order(StringComparer.Ordinal), zonesById.Values.Order(StringComparer.Ordinal));
        foreach (var zone in bicep.Production.OfType(Zones))
            Assert.Equal("global", (string?)zone["location"]);

        foreach (var endpoint in bicep.Production.OfType(PrivateEndpoints))
        {
            var group = (string)endpoint["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0]!;
            var zoneGroup = Assert.Single(bicep.Production.OfType(ZoneGroups), g => ((string)g["name"]!).StartsWith((string)endpoint["name"]! + "/", StringComparison.Ordinal));
            var zoneId = (string)Assert.Single(zoneGroup["properties"]!["privateDnsZoneConfigs"]!.AsArray())!["properties"]!["privateDnsZoneId"]!;
            Assert.Equal(ExpectedZones[group], zonesById[zoneId]);
        }

        // Every zone is linked to the VNet (without the link the app would resolve the public addresses and be refused).
        var linked = bicep.Production.OfType(ZoneLinks)
            .Where(l => (string?)l["properties"]!["virtualNetwork"]!["id"] == vnetId && (bool?)l["properties"]!["registrationEnabled"] == false)
            .Select(l => PublicCloudName(((string)l["name"]!)))
            .ToList();
        foreach (var zone in ExpectedZones.Values)
            Assert.Contains(linked, name => name.StartsWith(zone + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void WithIsolation_FunctionApp_IsIntegratedWithTheSubnetDelegatedToFlexConsumption()
    {
        var vnet = bicep.Production.Single("Microsoft.Network/virtualNetworks");
        var site = bicep.Production.Single("Microsoft.Web/sites")["properties"]!;
        Assert.Equal($"{(string)vnet["id"]!}/subnets/snet-app", (string?)site["virtualNetworkSubnetId"]);

        var subnets = vnet["properties"]!["subnets"]!.AsArray().OfType<JsonObject>().ToDictionary(s => (string)s["name"]!);
        var delegation = Assert.Single(subnets["snet-app"]["properties"]!["delegations"]!.AsArray())!;
        Assert.Equal("Microsoft.App/environments", (string?)delegation["properties"]!["serviceName"]);
        Assert.Null(subnets["snet-private-endpoints"]["properties"]!["delegations"]);
        Assert.Equal("Disabled", (string?)subnets["snet-private-endpoints"]["properties"]!["privateEndpointNetworkPolicies"]);
    }

    [Fact]
    public void CompiledTemplate_PrivatelinkZones_ComeFromEnvironment_NotHardCodedHostNames()
    {
        // Sovereign clouds have other suffixes: the zone names must follow environment(), as the linter demands elsewhere.
        var network = bicep.Build.NamedTemplates().Single(t => t.Name == "network").Template.ToJsonString();
        Assert.Contains("environment().suffixes.storage", network, StringComparison.Ordinal);
        Assert.Contains("environment().suffixes.keyvaultDns", network, StringComparison.Ordinal);
        Assert.DoesNotContain("core.windows.net", network, StringComparison.Ordinal);
        Assert.DoesNotContain("vault.azure.net", network, StringComparison.Ordinal);
    }

    /// <summary>A resource name as the public cloud would evaluate it ("[format('privatelink.blob.{0}', environment().suffixes.storage)]").</summary>
    private static string PublicCloudName(string name) =>
        EnvironmentSuffixRegex().Replace(name, m => "'" + PublicCloudSuffixes[m.Groups["suffix"].Value] + "'") switch
        {
            var evaluated when evaluated.StartsWith('[') => EvaluateFormats(evaluated[1..^1]),
            var plain => plain,
        };

    private static string EvaluateFormats(string expression)
    {
        // Innermost format('...', '...'[, '...']) calls first, until a plain string literal is left.
        while (FormatRegex().Match(expression) is { Success: true } match)
        {
            var args = match.Groups["arg"].Captures.Select(c => c.Value).ToArray();
            var text = match.Groups["fmt"].Value;
            for (var i = 0; i < args.Length; i++)
                text = text.Replace("{" + i + "}", args[i], StringComparison.Ordinal);
            expression = expression[..match.Index] + "'" + text + "'" + expression[(match.Index + match.Length)..];
        }

        return expression.Trim('\'');
    }

    [GeneratedRegex(@"environment\(\)\.suffixes\.(?<suffix>\w+)")]
    private static partial Regex EnvironmentSuffixRegex();

    [GeneratedRegex(@"format\('(?<fmt>[^']*)'(?:, '(?<arg>[^']*)')+\)")]
    private static partial Regex FormatRegex();
}
