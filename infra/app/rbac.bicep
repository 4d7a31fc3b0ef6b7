// Role assignments, each named guid(scope, principal, role) so a re-deployment finds the same assignment.
// The app's identity gets data-plane roles only (no keys, no control plane):
//   storage account: Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor
//   Application Insights: Monitoring Metrics Publisher (Entra-authenticated telemetry)
//   Key Vault: Key Vault Secrets User (resolve the SendGrid key reference)
// The deployer (azd's AZURE_PRINCIPAL_ID) gets data roles only when grantDeployerDataAccess is true.

@description('Name of the storage account.')
param storageAccountName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param appPrincipalId string

@description('Principal (object) id of the person or pipeline running the deployment. Empty: nothing is granted.')
param deployerPrincipalId string

@description('Kind of principal the deployer is.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param deployerPrincipalType string

@description('Give the deployer data access (blobs, queues, tables, secrets): for dev environments without real PHI.')
param grantDeployerDataAccess bool

// Built-in role definition ids (the same in every tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

var appStorageRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]
var appMonitoringRoles = [roles.monitoringMetricsPublisher]
var appKeyVaultRoles = [roles.keyVaultSecretsUser]

var grantDeployer = grantDeployerDataAccess && !empty(deployerPrincipalId)
var deployerStorageRoles = grantDeployer
  ? [roles.storageBlobDataContributor, roles.storageQueueDataContributor, roles.storageTableDataContributor]
  : []
var deployerKeyVaultRoles = grantDeployer ? [roles.keyVaultSecretsOfficer] : []

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    name: guid(storage.id, appPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appMonitoring 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appMonitoringRoles: {
    name: guid(applicationInsights.id, appPrincipalId, roleId)
    scope: applicationInsights
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource appKeyVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appKeyVaultRoles: {
    name: guid(vault.id, appPrincipalId, roleId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource deployerStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in deployerStorageRoles: {
    name: guid(storage.id, deployerPrincipalId, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
    }
  }
]

resource deployerKeyVault 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in deployerKeyVaultRoles: {
    name: guid(vault.id, deployerPrincipalId, roleId)
    scope: vault
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: deployerPrincipalId
      principalType: deployerPrincipalType
    }
  }
]
