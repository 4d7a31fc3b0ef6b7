// Denial pipeline: everything one environment needs, deployed by `azd up` (see docs/deploy.md).
// Subscription scope with its own resource group, as in Azure-Samples/functions-quickstart-dotnet-azd.
targetScope = 'subscription'

import { sftpPayer, payerDropsContainerName } from 'core/storage/storage-account.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (dev, test, prod ...). Seeds the unique resource name token and the resource group name.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name. Empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the person or pipeline deploying (azd passes AZURE_PRINCIPAL_ID). Used only with grantDeployerDataAccess.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Give the deployer data access to blobs, queues, tables and secrets. For dev environments without real PHI only.')
param grantDeployerDataAccess bool = false

@description('Replication of the storage account. ZRS or GZRS is recommended for production.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS'])
param storageSku string = 'Standard_ZRS'

@description('SendGrid API key, written to Key Vault. Optional: empty leaves the secret untouched (set or rotate it with the CLI).')
@secure()
param sendGridApiKey string = ''

@description('Verified SendGrid sender address for outgoing mail.')
param sendGridFromEmail string = ''

@description('Public https base URL of the app, used in the links inside emails. Empty: the function app\'s default host name.')
param publicBaseUrl string = ''

@description('Team mailbox that receives letters when the payer or provider record names no email address.')
param defaultRecipientEmail string = ''

@description('Allow PHI in email attachments (Delivery__AllowPhiAttachments). Keep false unless a BAA covers the mail provider.')
param allowPhiInEmail bool = false

@description('Client id of the Entra ID app registration that protects the API (roles Coder, Manager, Admin, Payer). Empty: every request gets 401.')
param authClientId string = ''

@description('Client ids of other applications (payers\' systems, scripts) allowed to call the API with their own tokens; the app itself is always allowed.')
param authAllowedClientApplications string[] = []

@description('Tenant id of that app registration. Default: the deployment\'s tenant.')
param authTenantId string = tenant().tenantId

@description('True when the app registration\'s client secret is stored in Key Vault as secret "entra-client-secret": browser sign-in then uses the authorization code flow. False: the registration must allow ID tokens (implicit grant) for browser sign-in.')
param authClientSecretFromKeyVault bool = false

@description('Payers that upload over SFTP, each confined to its own container drops-<payerId>. Empty: SFTP stays off. Turning it on later needs a new storage account (hierarchical namespace is fixed at creation).')
param sftpPayers sftpPayer[] = []

@description('Days after which a dropped remittance file moves to the Cool tier.')
@minValue(1)
param dropsCoolAfterDays int = 30

@description('Days after which a dropped remittance file moves to the Cold tier.')
@minValue(30)
param dropsColdAfterDays int = 180

@description('Days a dropped remittance file is kept before the lifecycle rule deletes it. At least 6 years; default 10 years.')
@minValue(2190)
param dropsRetentionDays int = 3650

@description('Days after which a letter moves to the Cool tier. Letters are never deleted by a lifecycle rule.')
@minValue(1)
param lettersCoolAfterDays int = 90

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 30

@description('Seconds an Event Grid drop notification may wait on the denial-files queue (-1: never expires). Default 14 days.')
param dropEventTtlSeconds int = 1209600

@description('Memory per function instance in MB.')
@allowed([512, 2048, 4096])
param functionInstanceMemoryMB int = 2048

@description('Most function instances Flex Consumption may run at once (docs/capacity.md: 100,000 denials an hour need 5).')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 10

@description('Turn on Key Vault purge protection (irreversible). Recommended for production.')
param keyVaultPurgeProtection bool = true

@description('Days Log Analytics keeps telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily Log Analytics ingestion cap in GB (-1: no cap).')
param logDailyQuotaGb int = 5

@description('Total days the audit tables (StorageBlobLogs, StorageQueueLogs, StorageTableLogs, AzureDiagnostics for Key Vault AuditEvent, FunctionAppLogs) are kept: logRetentionInDays interactive, the rest long-term. Default 6 years.')
@minValue(30)
@maxValue(4383)
param auditLogTotalRetentionInDays int = 2190

@description('Network isolation: Storage and Key Vault with public network access disabled, reached through private endpoints in a VNet the function app is integrated with. On in production (main.prod.bicepparam).')
param networkIsolation bool = false

@description('With networkIsolation: keep the storage account\'s public endpoint for trusted Azure services only (default action Deny, no IP or VNet rules) instead of disabling it. The fallback if Event Grid cannot deliver to the queue with public network access Disabled (docs/deploy.md).')
param storageTrustedServicesOnly bool = false

@description('Address space of the VNet created with networkIsolation (pick one that does not overlap networks you peer with).')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('Subnet the function app integrates with (delegated to Microsoft.App/environments), inside vnetAddressPrefix.')
param appSubnetPrefix string = '10.40.0.0/24'

@description('Subnet of the private endpoints (blob, queue, table, vault), inside vnetAddressPrefix.')
param privateEndpointSubnetPrefix string = '10.40.1.0/24'

// Who the letters are from (Letters__* settings, src/Shared/Letters/LetterOptions.cs). Empty values are not set: the
// letter then takes the payee's name and address from the 835 and leaves phone and signer to the coder.
@description('Letters__OrganizationName: the provider organization that sends the letters.')
param lettersOrganizationName string = ''

@description('Letters__AddressLine1: its street address.')
param lettersAddressLine1 string = ''

@description('Letters__AddressLine2: second address line (suite, floor).')
param lettersAddressLine2 string = ''

@description('Letters__City.')
param lettersCity string = ''

@description('Letters__State: two-letter state code.')
param lettersState string = ''

@description('Letters__PostalCode: ZIP code.')
param lettersPostalCode string = ''

@description('Letters__Phone: the phone number letters give for questions.')
param lettersPhone string = ''

@description('Letters__SignerName: the person who signs the letters.')
param lettersSignerName string = ''

@description('Letters__SignerTitle: the signer\'s title.')
param lettersSignerTitle string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

// The pipeline's storage names. They must equal src/Shared/Storage/StorageNames.cs (Infra.Tests checks both ways).
var storageNames = {
  queues: ['denial-files', 'denial-research', 'denial-drafting', 'letters-outbox', 'claims-outbound']
  tables: ['Remittances', 'Cases', 'Letters', 'Records', 'Metrics', 'ClaimChecks', 'PayerIdentities', 'WebhookEvents']
  containers: {
    drops: 'drops'
    letters: 'letters'
    reference: 'reference'
    claimsOutbound: 'claims-outbound'
  }
}
var poisonQueues = map(storageNames.queues, queue => '${queue}-poison')

// Event Grid announces new blobs of the drops container and of each SFTP payer's own container (to ingest), and of
// claims-outbound (to the claim check), one subscription each.
var dropSubscriptions = concat(
  [
    {
      name: '${abbrs.eventGridEventSubscriptions}drops-to-${storageNames.queues[0]}'
      containerName: storageNames.containers.drops
    }
  ],
  map(sftpPayers, payer => {
    name: '${abbrs.eventGridEventSubscriptions}${payerDropsContainerName(storageNames.containers.drops, payer.payerId)}'
    containerName: payerDropsContainerName(storageNames.containers.drops, payer.payerId)
  }),
  [
    {
      // Outbound claim batches go to the claim check, not to ingest.
      name: '${abbrs.eventGridEventSubscriptions}${storageNames.containers.claimsOutbound}-to-${storageNames.queues[4]}'
      containerName: storageNames.containers.claimsOutbound
      queueName: storageNames.queues[4]
    }
  ]
)

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var deploymentContainerName = 'app-package-${take(functionAppName, 32)}-${take(toLower(uniqueString(functionAppName, resourceToken)), 7)}'
var sendGridSecretName = 'sendgrid-api-key'
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'

var letterSettings = toObject(
  filter(
    items({
      Letters__OrganizationName: lettersOrganizationName
      Letters__AddressLine1: lettersAddressLine1
      Letters__AddressLine2: lettersAddressLine2
      Letters__City: lettersCity
      Letters__State: lettersState
      Letters__PostalCode: lettersPostalCode
      Letters__Phone: lettersPhone
      Letters__SignerName: lettersSignerName
      Letters__SignerTitle: lettersSignerTitle
    }),
    setting => !empty(setting.value)
  ),
  setting => setting.key,
  setting => setting.value
)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    dailyQuotaGb: logDailyQuotaGb
    auditLogTotalRetentionInDays: auditLogTotalRetentionInDays
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    skuName: storageSku
    queueNames: concat(storageNames.queues, poisonQueues)
    tableNames: storageNames.tables
    containerNames: [storageNames.containers.drops, storageNames.containers.letters, storageNames.containers.reference, storageNames.containers.claimsOutbound, deploymentContainerName]
    dropsContainerName: storageNames.containers.drops
    lettersContainerName: storageNames.containers.letters
    dropsCoolAfterDays: dropsCoolAfterDays
    dropsColdAfterDays: dropsColdAfterDays
    dropsRetentionDays: dropsRetentionDays
    lettersCoolAfterDays: lettersCoolAfterDays
    softDeleteRetentionDays: softDeleteRetentionDays
    sftpPayers: sftpPayers
    sftpPermissions: 'cw'
    networkIsolation: networkIsolation
    trustedServicesOnPublicEndpoint: storageTrustedServicesOnly
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module keyVault 'core/security/key-vault.bicep' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    sendGridSecretName: sendGridSecretName
    sendGridApiKey: sendGridApiKey
    networkIsolation: networkIsolation
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
  }
}

module network 'core/network/private-network.bicep' = if (networkIsolation) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    appSubnetPrefix: appSubnetPrefix
    privateEndpointSubnetPrefix: privateEndpointSubnetPrefix
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
  }
  dependsOn: [storage, keyVault]
}

module plan 'core/host/flex-consumption-plan.bicep' = {
  name: 'plan'
  scope: rg
  params: {
    name: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    location: location
    tags: tags
    serviceName: 'api'
    planId: plan.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    publicBaseUrl: publicBaseUrl
    authClientId: authClientId
    authAllowedClientApplications: authAllowedClientApplications
    authTenantId: authTenantId
    authClientSecretFromKeyVault: authClientSecretFromKeyVault
    virtualNetworkSubnetId: network.?outputs.appSubnetId ?? ''
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsId
    // Names match src/Shared/Storage/AppSettings.cs. The SendGrid key is only ever a Key Vault reference.
    appSettings: union({
      SendGrid__ApiKey: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${sendGridSecretName})'
      Delivery__FromEmail: sendGridFromEmail
      Delivery__DefaultRecipientEmail: defaultRecipientEmail
      Delivery__AllowPhiAttachments: allowPhiInEmail ? 'true' : 'false'
      Ingest__MaxFileBytes: '1073741824'
      // No ingest backpressure in Azure: Flex Consumption adds instances by queue length, so a long research queue is
      // what drains a large file quickly (a storage account's queue costs do not grow with its length, the emulator's do).
      Ingest__MaxResearchBacklog: '0'
      // Event Grid posts BlobCreated for uploads from the drop page too.
      Ingest__EnqueueOnUpload: 'false'
    }, letterSettings, authClientSecretFromKeyVault && !empty(authClientId) ? {
      // Read by App Service Authentication (not by the code): the registration's client secret, only ever a reference.
      MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=entra-client-secret)'
    } : {})
  }
  // After the role assignments: the first start then finds its storage and Key Vault permissions in place.
  dependsOn: [keyVault, storage, rbac]
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    // The new identity's object id is only known at deployment time; role assignment names need it
    // (guid(scope, principal, role)), as in the azd quickstart. What-If shows these assignments as uncertain.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
    grantDeployerDataAccess: grantDeployerDataAccess
  }
  dependsOn: [storage, monitoring, keyVault]
}

module dropEvents 'app/drop-events.bicep' = {
  name: 'dropEvents'
  scope: rg
  params: {
    systemTopicName: '${abbrs.eventGridSystemTopics}${resourceToken}'
    subscriptions: dropSubscriptions
    location: location
    tags: tags
    storageAccountName: storageAccountName
    queueName: storageNames.queues[0]
    queueMessageTimeToLiveInSeconds: dropEventTtlSeconds
  }
  dependsOn: [storage]
}

// Outputs azd stores in .azure/<env>/.env
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_STORAGE_SFTP_ENABLED bool = storage.outputs.sftpEnabled
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = dropEvents.outputs.systemTopicName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
