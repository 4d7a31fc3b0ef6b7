// Key Vault with Azure RBAC (no access policies). Holds the SendGrid API key; the function app reads it
// through an app-setting Key Vault reference, so the key never appears in app settings or outputs.
@description('Name of the vault (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags { *: string }

@description('Turn on purge protection (cannot be turned off again). Recommended outside short-lived dev environments.')
param enablePurgeProtection bool

@description('Name of the secret that holds the SendGrid API key.')
param sendGridSecretName string

@description('SendGrid API key to store. Empty: the secret is not written by this deployment (set it with the CLI, see docs/deploy.md).')
@secure()
param sendGridApiKey string

@description('True: public network access off (default action Deny); the function app reaches the vault through its private endpoint.')
param networkIsolation bool

@description('Resource id of the Log Analytics workspace that receives the vault\'s AuditEvent log (every secret read, with the caller).')
param logAnalyticsWorkspaceId string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // ARM rejects an explicit false once protection is on: send null (absent) instead of false.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: networkIsolation ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: networkIsolation ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

// AuditEvent: every secret get/set/list and its caller. Key Vault writes it to the AzureDiagnostics table.
resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
