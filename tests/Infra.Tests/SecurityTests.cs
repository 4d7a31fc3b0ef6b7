using System.Text.Json.Nodes;
using DenialPipeline.Storage;

namespace DenialPipeline.Infra.Tests;

/// <summary>Security properties of what would be deployed (snapshot) and of the compiled ARM JSON.</summary>
[Collection(BicepCollection.Name)]
public sealed class SecurityTests(BicepFixture bicep)
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string StorageQueueDataMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";

    public static TheoryData<string> Variants => ["dev", "sftp"];

    private Snapshot Variant(string name) => name == "dev" ? bicep.Dev : bicep.Sftp;

    [Theory]
    [MemberData(nameof(Variants))]
    public void StorageAccount_SharedKeyOff_Tls12_NoPublicBlobs_HttpsOnly(string variant)
    {
        var properties = Variant(variant).Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.True((bool)properties["defaultToOAuthAuthentication"]!);
    }

    [Fact]
    public void CompiledTemplate_NeverReadsStorageKeys()
    {
        var text = bicep.Build.Text;
        Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SendGridKey_OnlyAsKeyVaultReference()
    {
        var settings = StorageConsistencyTests.FunctionAppSettings(bicep.Dev);
        var vault = (string)bicep.Dev.Single("Microsoft.KeyVault/vaults")["name"]!;
        var secret = bicep.Dev.Single("Microsoft.KeyVault/vaults/secrets");
        var secretName = ((string)secret["name"]!).Split('/')[^1];

        Assert.Equal($"@Microsoft.KeyVault(VaultName={vault};SecretName={secretName})", settings[AppSettings.SendGridApiKey]);
        foreach (var (name, value) in settings)
        {
            Assert.DoesNotContain(BicepFixture.SendGridKeySentinel, value, StringComparison.Ordinal);
            Assert.False(value.StartsWith("SG.", StringComparison.Ordinal), $"App setting {name} holds what looks like a SendGrid key.");
        }

        // The key reaches Key Vault only, from the secure parameter.
        var everythingElse = bicep.Dev.Resources.Where(r => !ReferenceEquals(r, secret)).Select(r => r.ToJsonString());
        Assert.DoesNotContain(everythingElse, json => json.Contains(BicepFixture.SendGridKeySentinel, StringComparison.Ordinal));
        Assert.DoesNotContain(BicepFixture.SendGridKeySentinel, bicep.Dev.Outputs.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_EverySecretLookingSetting_IsAKeyVaultReference()
    {
        foreach (var (name, value) in StorageConsistencyTests.FunctionAppSettings(bicep.Dev))
        {
            var secretName = System.Text.RegularExpressions.Regex.IsMatch(name, "(Key|Secret|Password|Token|Sas)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (secretName)
                Assert.StartsWith("@Microsoft.KeyVault(", value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeyVault_UsesRbac_AndTheAppResolvesReferencesWithItsUserAssignedIdentity()
    {
        var vault = bicep.Dev.Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.True((bool)vault["enableSoftDelete"]!);

        var site = bicep.Dev.Single("Microsoft.Web/sites");
        var identity = (string)bicep.Dev.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        Assert.Equal(identity, (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.True(site["identity"]!["userAssignedIdentities"]!.AsObject().ContainsKey(identity));
    }

    [Fact]
    public void FunctionApp_FlexConsumption_DotnetIsolated10_HttpsOnly_NoBasicAuth()
    {
        var plan = bicep.Dev.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);

        var site = bicep.Dev.Single("Microsoft.Web/sites")["properties"]!;
        Assert.True((bool)site["httpsOnly"]!);
        Assert.Equal("dotnet-isolated", (string?)site["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)site["functionAppConfig"]!["runtime"]!["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)site["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal("1.2", (string?)site["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)site["siteConfig"]!["ftpsState"]);

        foreach (var policy in bicep.Dev.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"))
            Assert.False((bool)policy["properties"]!["allow"]!);
        Assert.Equal(2, bicep.Dev.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Count());
    }

    [Fact]
    public void Telemetry_EntraAuthenticatedOnly()
    {
        var insights = bicep.Dev.Single("Microsoft.Insights/components")["properties"]!;
        Assert.True((bool)insights["DisableLocalAuth"]!);
        Assert.NotNull(insights["WorkspaceResourceId"]);
        var settings = StorageConsistencyTests.FunctionAppSettings(bicep.Dev);
        Assert.StartsWith("[format('ClientId={0};Authorization=AAD'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_RequiresEntraAuthentication_BrowsersAreSentToSignIn()
    {
        var auth = bicep.Dev.Single("Microsoft.Web/sites/config", "authsettingsV2")["properties"]!;
        Assert.True((bool)auth["platform"]!["enabled"]!);
        Assert.True((bool)auth["globalValidation"]!["requireAuthentication"]!);
        // The pages and the emailed letter links are opened in a browser: an unauthenticated request goes to Entra's
        // sign-in page (a bare 401 would leave people with nothing to click). API calls from the pages get 401.
        Assert.Equal("RedirectToLoginPage", (string?)auth["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.Equal("azureactivedirectory", (string?)auth["globalValidation"]!["redirectToProvider"]);
        Assert.True((bool)auth["httpSettings"]!["requireHttps"]!);
        // Without the client-secret option there is no secret setting: sign-in uses ID tokens.
        Assert.Null(auth["identityProviders"]!["azureActiveDirectory"]!["registration"]!["clientSecretSettingName"]);
        Assert.DoesNotContain("MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", StorageConsistencyTests.FunctionAppSettings(bicep.Dev).Keys);

        var entra = auth["identityProviders"]!["azureActiveDirectory"]!;
        Assert.True((bool)entra["enabled"]!);
        Assert.Equal(BicepFixture.AuthClientId, (string?)entra["registration"]!["clientId"]);
        Assert.Contains(BicepFixture.TenantId, (string)entra["registration"]!["openIdIssuer"]!, StringComparison.Ordinal);
        Assert.Contains($"api://{BicepFixture.AuthClientId}", entra["validation"]!["allowedAudiences"]!.AsArray().Select(a => (string?)a));
    }

    /// <summary>Issue 18: Easy Auth takes tokens only from the app itself and the client applications the deployment names.</summary>
    [Fact]
    public void Auth_AllowsOnlyTheAppAndTheNamedClientApplications()
    {
        var auth = bicep.Dev.Single("Microsoft.Web/sites/config", "authsettingsV2")["properties"]!;
        var policy = auth["identityProviders"]!["azureActiveDirectory"]!["validation"]!["defaultAuthorizationPolicy"]!;
        Assert.Equal([BicepFixture.AuthClientId, BicepFixture.AllowedClientApp], policy["allowedApplications"]!.AsArray().Select(a => (string?)a));
    }

    /// <summary>Issue 18: the deployer gets data access (PHI) only when the environment asks for it.</summary>
    [Fact]
    public void DeployerDataAccess_IsOffByDefault()
    {
        var param = File.ReadAllText(RepoPaths.MainBicepParam);
        Assert.Contains("readEnvironmentVariable('GRANT_DEPLOYER_DATA_ACCESS', 'false')", param, StringComparison.Ordinal);
        Assert.Contains("param grantDeployerDataAccess bool = false", File.ReadAllText(RepoPaths.MainBicep), StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_WithoutAClientId_FailsClosed()
    {
        // The SFTP variant sets no client id: authentication is still required, with no provider, so all get 401.
        var auth = bicep.Sftp.Single("Microsoft.Web/sites/config", "authsettingsV2")["properties"]!;
        Assert.True((bool)auth["globalValidation"]!["requireAuthentication"]!);
        Assert.Equal("Return401", (string?)auth["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.False((bool)auth["identityProviders"]!["azureActiveDirectory"]!["enabled"]!);
    }

    [Fact]
    public void EventGrid_BlobCreatedUnderDrops_GoesToDenialFilesQueue_WithTheTopicsIdentity()
    {
        var topic = bicep.Dev.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]!["topicType"]);
        Assert.Equal((string?)bicep.Dev.Single("Microsoft.Storage/storageAccounts")["id"], (string?)topic["properties"]!["source"]);
        Assert.Equal("SystemAssigned", (string?)topic["identity"]!["type"]);

        var subscription = Assert.Single(bicep.Dev.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"),
            s => (string?)s["properties"]!["filter"]!["subjectBeginsWith"] == $"/blobServices/default/containers/{StorageNames.Containers.Drops}/");
        var filter = subscription["properties"]!["filter"]!;
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Equal($"/blobServices/default/containers/{StorageNames.Containers.Drops}/", (string?)filter["subjectBeginsWith"]);

        var delivery = subscription["properties"]!["deliveryWithResourceIdentity"]!;
        Assert.Equal("SystemAssigned", (string?)delivery["identity"]!["type"]);
        Assert.Equal("StorageQueue", (string?)delivery["destination"]!["endpointType"]);
        Assert.Equal(StorageNames.Queues.DenialFiles, (string?)delivery["destination"]!["properties"]!["queueName"]);
        Assert.True((int)delivery["destination"]!["properties"]!["queueMessageTimeToLiveInSeconds"]! > 0);
        Assert.Equal((string?)bicep.Dev.Single("Microsoft.Storage/storageAccounts")["id"], (string?)delivery["destination"]!["properties"]!["resourceId"]);
    }

    [Fact]
    public void EventGrid_TopicMaySendToTheDenialFilesAndClaimsOutboundQueuesOnly()
    {
        var queueIds = new[] { StorageNames.Queues.ClaimsOutbound, StorageNames.Queues.DenialFiles }
            .Select(q => (string)bicep.Dev.Single("Microsoft.Storage/storageAccounts/queueServices/queues", q)["id"]!).Order(StringComparer.Ordinal);
        var senders = RoleAssignments(bicep.Dev).Where(r => ((string)r["properties"]!["roleDefinitionId"]!).Contains(StorageQueueDataMessageSender, StringComparison.Ordinal));
        Assert.Equal(queueIds, senders.Select(ScopeOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EventGrid_ClaimsOutboundUploads_GoToTheClaimsOutboundQueue()
    {
        var subscription = Assert.Single(bicep.Dev.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"),
            s => (string?)s["properties"]!["filter"]!["subjectBeginsWith"] == $"/blobServices/default/containers/{StorageNames.Containers.ClaimsOutbound}/");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription["properties"]!["filter"]!["includedEventTypes"]!.AsArray().Select(t => (string?)t));
        var delivery = subscription["properties"]!["deliveryWithResourceIdentity"]!;
        Assert.Equal("SystemAssigned", (string?)delivery["identity"]!["type"]);
        Assert.Equal(StorageNames.Queues.ClaimsOutbound, (string?)delivery["destination"]!["properties"]!["queueName"]);
    }

    [Fact]
    public void AppIdentity_HasEachDataRole_OnItsResource()
    {
        var roles = RoleAssignments(bicep.Dev)
            .Select(r => (Role: ((string)r["properties"]!["roleDefinitionId"]!).Split('/')[^1], Scope: ScopeOf(r)))
            .ToList();
        var storage = (string)bicep.Dev.Single("Microsoft.Storage/storageAccounts")["id"]!;
        var insights = (string)bicep.Dev.Single("Microsoft.Insights/components")["id"]!;
        var vault = (string)bicep.Dev.Single("Microsoft.KeyVault/vaults")["id"]!;

        Assert.Contains((StorageBlobDataOwner, storage), roles);
        Assert.Contains((StorageQueueDataContributor, storage), roles);
        Assert.Contains((StorageTableDataContributor, storage), roles);
        Assert.Contains((MonitoringMetricsPublisher, insights), roles);
        Assert.Contains((KeyVaultSecretsUser, vault), roles);
    }

    [Fact]
    public void RoleAssignments_AreNamedByGuidOfScopePrincipalRole()
    {
        var assignments = bicep.Build.Templates().SelectMany(CompiledTemplate.Resources)
            .Where(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);
        foreach (var assignment in assignments)
            Assert.StartsWith("[guid(", (string)assignment["name"]!, StringComparison.Ordinal);

        // The app's storage roles come from one loop, not copied blocks.
        Assert.Contains(assignments, a => a["copy"] is JsonObject);
    }

    [Fact]
    public void DeployerDataAccess_OnlyWhenAskedFor()
    {
        // dev asks for it (synthetic data); the production-like variant has a deployer but does not grant it anything.
        Assert.Contains(RoleAssignments(bicep.Dev), r => (string?)r["properties"]!["principalId"] == BicepFixture.DeployerPrincipalId);
        Assert.DoesNotContain(RoleAssignments(bicep.Sftp), r => (string?)r["properties"]!["principalId"] == BicepFixture.DeployerPrincipalId);
    }

    [Fact]
    public void ProductionLike_ZoneRedundantStorage_PurgeProtectedVault()
    {
        Assert.Equal("Standard_ZRS", (string?)bicep.Sftp.Single("Microsoft.Storage/storageAccounts")["sku"]!["name"]);
        Assert.True((bool)bicep.Sftp.Single("Microsoft.KeyVault/vaults")["properties"]!["enablePurgeProtection"]!);
    }

    [Fact]
    public void Sftp_OffByDefault()
    {
        var properties = bicep.Dev.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)properties["isSftpEnabled"]!);
        Assert.False((bool)properties["isLocalUserEnabled"]!);
        Assert.Empty(bicep.Dev.OfType("Microsoft.Storage/storageAccounts/localUsers"));
    }

    [Fact]
    public void Sftp_EachPayer_ConfinedToItsOwnContainer_WriteOnly_SshKeyOnly_NoAclAuthorization()
    {
        var properties = bicep.Sftp.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.True((bool)properties["isHnsEnabled"]!);
        Assert.True((bool)properties["isSftpEnabled"]!);
        Assert.False((bool)properties["allowSharedKeyAccess"]!);

        var users = bicep.Sftp.OfType("Microsoft.Storage/storageAccounts/localUsers").ToList();
        Assert.Equal(BicepFixture.SftpPayerIds.Order(), users.Select(u => ((string)u["name"]!).Split('/')[^1]).Order());
        var containers = bicep.Sftp.LeafNames("Microsoft.Storage/storageAccounts/blobServices/containers");
        foreach (var user in users)
        {
            var payerId = ((string)user["name"]!).Split('/')[^1];
            var own = StorageNames.Containers.PayerDrops(payerId);
            Assert.Contains(own, containers); // the template creates it
            var p = user["properties"]!;
            Assert.Equal(own, (string?)p["homeDirectory"]);

            // SFTP authorizes a local user by its permission scopes alone: one scope, on its own container, nowhere else.
            var scope = Assert.Single(p["permissionScopes"]!.AsArray())!;
            Assert.Equal("blob", (string?)scope["service"]);
            Assert.Equal(own, (string?)scope["resourceName"]);
            Assert.NotEqual(StorageNames.Containers.Drops, (string?)scope["resourceName"]);
            Assert.Equal("cw", (string?)scope["permissions"]);
            Assert.False((bool)p["allowAclAuthorization"]!); // no POSIX ACL can widen that

            Assert.True((bool)p["hasSshKey"]!);
            Assert.False((bool)p["hasSshPassword"]!);
            Assert.False((bool)p["hasSharedKey"]!);
            Assert.Single(p["sshAuthorizedKeys"]!.AsArray());
        }

        // No container is reachable by two payers.
        var scoped = users.SelectMany(u => u["properties"]!["permissionScopes"]!.AsArray().Select(s => (string?)s!["resourceName"])).ToList();
        Assert.Equal(scoped.Count, scoped.Distinct().Count());
    }

    [Fact]
    public void EventGrid_OneExactSubscriptionPerDropContainer_AllToDenialFiles_NoOtherContainer()
    {
        var expected = BicepFixture.SftpPayerIds.Select(StorageNames.Containers.PayerDrops).Prepend(StorageNames.Containers.Drops)
            .Select(c => $"/blobServices/default/containers/{c}/").Order(StringComparer.Ordinal).ToList();
        var subscriptions = bicep.Sftp.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions")
            .Where(s => (string?)s["properties"]!["filter"]!["subjectBeginsWith"] != $"/blobServices/default/containers/{StorageNames.Containers.ClaimsOutbound}/").ToList();
        // Each prefix ends with "<container>/": it matches that container only (not dropsX, not an unknown drops-x).
        Assert.Equal(expected, subscriptions.Select(s => (string?)s["properties"]!["filter"]!["subjectBeginsWith"]).Order(StringComparer.Ordinal));
        foreach (var subscription in subscriptions)
        {
            var name = ((string)subscription["name"]!).Split('/')[^1];
            Assert.InRange(name.Length, 3, 64);
            var properties = subscription["properties"]!;
            Assert.Equal(["Microsoft.Storage.BlobCreated"], properties["filter"]!["includedEventTypes"]!.AsArray().Select(t => (string?)t));
            var api = Assert.Single(properties["filter"]!["advancedFilters"]!.AsArray())!;
            Assert.Equal("data.api", (string?)api["key"]);
            Assert.Contains("SftpCommit", api["values"]!.AsArray().Select(v => (string?)v));
            Assert.Null(properties["filter"]!["subjectEndsWith"]);
            var delivery = properties["deliveryWithResourceIdentity"]!;
            Assert.Equal("SystemAssigned", (string?)delivery["identity"]!["type"]);
            Assert.Equal(StorageNames.Queues.DenialFiles, (string?)delivery["destination"]!["properties"]!["queueName"]);
        }
        // The drops subscription keeps its name (a renamed one would leave the old one behind in incremental mode).
        Assert.Contains(subscriptions, s => ((string)s["name"]!).EndsWith($"/evgs-drops-to-{StorageNames.Queues.DenialFiles}", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifecycle_DropsTierDownAndAreKeptSixYearsOrMore_LettersAreNeverDeleted()
    {
        var rules = bicep.Dev.Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();
        var drops = rules.Single(r => r!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string?)p).Contains(StorageNames.Containers.Drops + "/"))!;
        var dropsActions = drops["definition"]!["actions"]!["baseBlob"]!;
        Assert.Equal(30, (int)dropsActions["tierToCool"]!["daysAfterModificationGreaterThan"]!);
        Assert.True((int)dropsActions["delete"]!["daysAfterModificationGreaterThan"]! >= 6 * 365);

        foreach (var rule in rules)
        {
            var prefixes = rule!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string?)p).ToList();
            if (prefixes.Contains(StorageNames.Containers.Letters + "/"))
                Assert.Null(rule["definition"]!["actions"]!["baseBlob"]!["delete"]);
        }
    }

    [Fact]
    public void Lifecycle_TheDropsRuleCoversEveryPayerContainer_AndNoOtherContainer()
    {
        var rules = bicep.Sftp.Single("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();
        var prefixes = rules.Single(r => r!["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string?)p).Contains(StorageNames.Containers.Drops + "/"))!
            ["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string)p!).ToList();
        Assert.InRange(prefixes.Count, 1, 10); // a rule takes at most 10 prefixes, whatever the number of payers

        // A prefix without a trailing slash is a name pattern ("drops-" matches every drops-<payerId> container).
        bool Covered(string container) => prefixes.Any(p => (container + "/").StartsWith(p, StringComparison.Ordinal));
        foreach (var container in bicep.Sftp.LeafNames("Microsoft.Storage/storageAccounts/blobServices/containers"))
            Assert.Equal(StorageNames.Containers.IsDropContainer(container), Covered(container));
    }

    [Fact]
    public void Blobs_SoftDeleteIsOn()
    {
        var blob = bicep.Dev.Single("Microsoft.Storage/storageAccounts/blobServices")["properties"]!;
        Assert.True((bool)blob["deleteRetentionPolicy"]!["enabled"]!);
        Assert.True((bool)blob["containerDeleteRetentionPolicy"]!["enabled"]!);
    }

    [Fact]
    public void Email_PhiAttachmentsOffByDefault()
    {
        Assert.Equal("false", StorageConsistencyTests.FunctionAppSettings(bicep.Dev)[AppSettings.DeliveryAllowPhiAttachments]);
    }

    private static List<JsonObject> RoleAssignments(Snapshot snapshot) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").ToList();

    /// <summary>
    /// The resource a role assignment applies to. Its id is "{scope}/providers/Microsoft.Authorization/roleAssignments/{name}",
    /// or, while the name depends on a runtime value, "[extensionResourceId('{scope}', ...)]".
    /// </summary>
    private static string ScopeOf(JsonObject assignment)
    {
        var id = (string)assignment["id"]!;
        const string Unevaluated = "[extensionResourceId('";
        if (id.StartsWith(Unevaluated, StringComparison.Ordinal))
            return id[Unevaluated.Length..id.IndexOf('\'', Unevaluated.Length)];
        var index = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? id : id[..index];
    }
}
