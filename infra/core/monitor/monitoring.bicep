// Log Analytics workspace + workspace-based Application Insights. Local (instrumentation key) ingestion is
// disabled: telemetry must be sent with an Entra token (the app's identity holds Monitoring Metrics Publisher).
@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Azure region.')
param location string

@description('Tags applied to both resources.')
param tags { *: string }

@description('Days Log Analytics keeps data (30 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Daily ingestion cap in GB for the workspace; -1 for none. A guard against runaway logging costs.')
param dailyQuotaGb int

@description('Total days the audit tables (storage reads, writes and deletes, Key Vault AuditEvent, function app logs) are kept: the interactive retention (retentionInDays), then long-term retention up to this total.')
@minValue(30)
@maxValue(4383)
param auditLogTotalRetentionInDays int

// The tables the diagnostic settings write to (resource-specific storage and function tables; Key Vault writes its
// AuditEvent to AzureDiagnostics). Retention is set on the workspace and these tables: the retention field of a
// diagnostic setting is retired and must not be used.
var auditTables = ['StorageBlobLogs', 'StorageQueueLogs', 'StorageTableLogs', 'AzureDiagnostics', 'FunctionAppLogs']

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      disableLocalAuth: true
    }
  }
}

resource auditTableRetention 'Microsoft.OperationalInsights/workspaces/tables@2025-02-01' = [
  for table in auditTables: {
    parent: logAnalytics
    name: table
    properties: {
      retentionInDays: retentionInDays
      totalRetentionInDays: max(auditLogTotalRetentionInDays, retentionInDays)
    }
  }
]

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsName string = logAnalytics.name
output logAnalyticsId string = logAnalytics.id
