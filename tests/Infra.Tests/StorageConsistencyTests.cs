using DenialPipeline.Storage;

namespace DenialPipeline.Infra.Tests;

/// <summary>
/// The names the code uses (StorageNames, AppSettings) are the names the infrastructure creates and sets, both ways.
/// Checked on the snapshot: the resources ARM would create, with names evaluated.
/// </summary>
[Collection(BicepCollection.Name)]
public sealed class StorageConsistencyTests(BicepFixture bicep)
{
    private const string Queues = "Microsoft.Storage/storageAccounts/queueServices/queues";
    private const string Tables = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string Containers = "Microsoft.Storage/storageAccounts/blobServices/containers";

    [Fact]
    public void Queues_EveryQueueAndItsPoisonQueue_AndNothingElse()
    {
        var expected = StorageNames.Queues.All.Concat(StorageNames.Queues.All.Select(StorageNames.Queues.Poison)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, bicep.Dev.LeafNames(Queues).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tables_EveryTable_AndNothingElse()
    {
        Assert.Equal(StorageNames.Tables.All.Order(StringComparer.Ordinal), bicep.Dev.LeafNames(Tables).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Containers_EveryContainer_PlusOnlyTheFlexDeploymentContainer()
    {
        var declared = bicep.Dev.LeafNames(Containers);
        foreach (var container in StorageNames.Containers.All)
            Assert.Contains(container, declared);

        var extra = declared.Except(StorageNames.Containers.All).ToList();
        var deployment = Assert.Single(extra);
        Assert.StartsWith("app-package-", deployment, StringComparison.Ordinal);

        // ... and it is the container the function app deploys from.
        var site = bicep.Dev.Single("Microsoft.Web/sites");
        Assert.EndsWith(deployment + "')]", (string)site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Containers_WithSftpPayers_AddExactlyOneDropsContainerPerPayer_NamedAsTheCodeNamesIt()
    {
        var declared = bicep.Sftp.LeafNames(Containers);
        var extra = declared.Except(StorageNames.Containers.All).Where(c => !c.StartsWith("app-package-", StringComparison.Ordinal));
        Assert.Equal(BicepFixture.SftpPayerIds.Select(StorageNames.Containers.PayerDrops).Order(StringComparer.Ordinal), extra.Order(StringComparer.Ordinal));
        foreach (var container in extra)
        {
            Assert.Matches("^[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]$", container); // a valid container name
            Assert.True(StorageNames.Containers.IsDropContainer(container), $"Ingest would refuse files from {container}.");
        }
    }

    [Fact]
    public void SftpPayerId_LengthLimits_AreTheCodes()
    {
        // The compiled type of sftpPayers (main.bicep imports it from the storage module).
        var payerId = bicep.Build.Require()["definitions"]!["sftpPayer"]!["properties"]!["payerId"]!;
        Assert.Equal(StorageNames.Containers.SftpPayerIdMinLength, (int)payerId["minLength"]!);
        Assert.Equal(StorageNames.Containers.SftpPayerIdMaxLength, (int)payerId["maxLength"]!);
    }

    [Theory]
    [InlineData("Dev")]
    [InlineData("Sftp")]
    public void Containers_AreAllPrivate(string variant)
    {
        foreach (var container in (variant == "Dev" ? bicep.Dev : bicep.Sftp).OfType(Containers))
            Assert.Equal("None", (string?)container["properties"]?["publicAccess"]);
    }

    [Fact]
    public void Storage_EverythingLivesInTheOneAccount()
    {
        var account = (string)bicep.Dev.Single("Microsoft.Storage/storageAccounts")["name"]!;
        foreach (var type in new[] { Queues, Tables, Containers })
        {
            foreach (var resource in bicep.Dev.OfType(type))
                Assert.StartsWith(account + "/", (string)resource["name"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AppSettings_EverySettingTheCodeReads_IsSetOnTheFunctionApp()
    {
        var settings = FunctionAppSettings(bicep.Dev);
        foreach (var name in AppSettings.All)
        {
            // A connection may be set as one value or, identity-based, as name__property values.
            Assert.True(
                settings.ContainsKey(name) || settings.Keys.Any(k => k.StartsWith(name + "__", StringComparison.Ordinal)),
                $"App setting {name} (src/Shared/Storage/AppSettings.cs) is not set in infra/ (function app settings: {string.Join(", ", settings.Keys)}).");
        }
    }

    [Fact]
    public void AppSettings_EverySettingInAzure_IsKnownToTheCodeOrThePlatform()
    {
        string[] platform = ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET"];
        foreach (var name in FunctionAppSettings(bicep.Dev).Keys.Concat(FunctionAppSettings(bicep.Production).Keys))
        {
            var known = AppSettings.All.Contains(name)
                || AppSettings.All.Any(s => name.StartsWith(s + "__", StringComparison.Ordinal))
                || platform.Contains(name)
                || ProductionParametersTests.SenderOptions().Any(o => name == $"{DenialPipeline.Letters.LetterOptions.Section}__{o}");
            Assert.True(known, $"Function app setting {name} is neither in AppSettings.All nor a platform setting.");
        }
    }

    [Fact]
    public void AzureWebJobsStorage_IsIdentityBasedWithEveryServiceUri()
    {
        var settings = FunctionAppSettings(bicep.Dev);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.queue", settings["AzureWebJobsStorage__queueServiceUri"], StringComparison.Ordinal);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"], StringComparison.Ordinal);
        Assert.False(settings.ContainsKey(AppSettings.AzureWebJobsStorage), "AzureWebJobsStorage must not be a connection string in Azure.");
    }

    [Fact]
    public void AppSettings_ConfigurationKey_UsesColons()
    {
        Assert.Equal("SendGrid:ApiKey", AppSettings.ToConfigurationKey(AppSettings.SendGridApiKey));
        Assert.Equal(AppSettings.All.Count, AppSettings.All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    internal static IReadOnlyDictionary<string, string> FunctionAppSettings(Snapshot snapshot) =>
        snapshot.Single("Microsoft.Web/sites/config", "appsettings")["properties"]!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal);
}
