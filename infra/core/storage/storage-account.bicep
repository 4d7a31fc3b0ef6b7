// The pipeline's storage account: queues (+ poison queues), tables, containers, lifecycle rules and,
// optionally, SFTP for payers. Shared keys are off: every client (function app, Event Grid, people)
// authenticates with Entra ID. Names come from main.bicep, which mirrors src/Shared/Storage/StorageNames.cs.

@export()
@description('A payer that uploads over SFTP: payer id (SFTP user name, its own container drops-<payerId>) and public SSH keys.')
type sftpPayer = {
  // 53: the container drops-<payerId> may have 63 characters and the event subscription evgs-drops-<payerId> 64.
  // Lowercase letters and digits only (a local user name's rule; also valid in container names): Azure refuses the rest.
  @description('Payer id: 3-53 lowercase letters and digits. Becomes the SFTP local user name and the payer\'s own container drops-<payerId>.')
  @minLength(3)
  @maxLength(53)
  payerId: string

  @description('OpenSSH public keys ("ssh-rsa AAAA..." or "ssh-ed25519 AAAA...") the payer signs in with.')
  @minLength(1)
  sshPublicKeys: string[]
}

@export()
@description('The container an SFTP payer uploads into and is confined to: <drops>-<payerId> (StorageNames.Containers.PayerDrops in the code).')
func payerDropsContainerName(dropsContainerName string, payerId string) string => '${dropsContainerName}-${payerId}'

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags { *: string }

@description('Replication SKU.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS'])
param skuName string

@description('Queues to create (each with its poison queue already in the list).')
param queueNames string[]

@description('Tables to create.')
param tableNames string[]

@description('Blob containers to create (private), besides one drops-<payerId> container per SFTP payer.')
param containerNames string[]

@description('Container files are dropped into through the API and the drop page (lifecycle rule; prefix of the SFTP payers\' containers).')
param dropsContainerName string

@description('Container rendered letters are kept in (lifecycle rule).')
param lettersContainerName string

@description('Days after the last modification when a dropped file moves to the Cool tier.')
@minValue(1)
param dropsCoolAfterDays int

@description('Days after the last modification when a dropped file moves to the Cold tier.')
@minValue(30)
param dropsColdAfterDays int

@description('Days after the last modification when a dropped file is deleted (retention). At least 6 years (HIPAA documentation retention).')
@minValue(2190)
param dropsRetentionDays int

@description('Days after the last modification when a letter blob moves to the Cool tier. Letters are never deleted by a lifecycle rule.')
@minValue(1)
param lettersCoolAfterDays int

@description('Days a deleted blob or container can be restored (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Payers that upload over SFTP. Empty: SFTP (and the hierarchical namespace it needs) stays off.')
param sftpPayers sftpPayer[]

@description('SFTP permissions each payer gets on its own container (and nowhere else): c=create, w=write (no read, list or delete).')
param sftpPermissions string

@description('True: the public endpoint is off (publicNetworkAccess Disabled, default action Deny); clients come through private endpoints, Azure services on the trusted list (Event Grid delivering with its system identity) through the AzureServices bypass. False: reachable from any network, Entra ID authentication only.')
param networkIsolation bool

@description('Resource id of the Log Analytics workspace that receives the blob, queue and table logs (StorageRead, StorageWrite, StorageDelete).')
param logAnalyticsWorkspaceId string

@description('With networkIsolation: leave the public endpoint on for trusted Azure services only (publicNetworkAccess Enabled, default action Deny, no IP or VNet rules) instead of Disabled. The configuration Event Grid documents for delivering through a storage firewall.')
param trustedServicesOnPublicEndpoint bool

// Every data-plane read, write and delete of each service, with the caller's identity: who read PHI, and when.
var storageLogCategories = ['StorageRead', 'StorageWrite', 'StorageDelete']

// SFTP needs a hierarchical namespace. Both can only be chosen when the account is created.
var sftpEnabled = !empty(sftpPayers)

// SFTP permission scopes are per container, so a payer is confined by giving it a container of its own.
var payerContainerNames = map(sftpPayers, payer => payerDropsContainerName(dropsContainerName, payer.payerId))

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    isHnsEnabled: sftpEnabled
    isSftpEnabled: sftpEnabled
    isLocalUserEnabled: sftpEnabled
    publicNetworkAccess: networkIsolation && !trustedServicesOnPublicEndpoint ? 'Disabled' : 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      defaultAction: networkIsolation ? 'Deny' : 'Allow'
      // Event Grid delivers to the queue with its system-assigned identity as a trusted service (docs/deploy.md).
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }

  resource blobServices 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: softDeleteRetentionDays
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: softDeleteRetentionDays
      }
    }

    resource containers 'containers' = [
      for container in concat(containerNames, payerContainerNames): {
        name: container
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueServices 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queue in queueNames: {
        name: queue
      }
    ]
  }

  resource tableServices 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for table in tableNames: {
        name: table
      }
    ]
  }

  // Lifecycle: remittance files are PHI and the source of truth for appeals. They get cheaper with age but
  // are only deleted after the retention period. Letters are never deleted by a rule (they are the record of
  // what was sent); they only move to Cool. The drops rule matches the drops container exactly ('drops/') and,
  // as a name pattern ('drops-', no slash), every payer's drops-<payerId> container: one prefix for any number of
  // payers (a rule takes at most 10 prefixes).
  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'drops-tier-and-retain'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${dropsContainerName}/', payerDropsContainerName(dropsContainerName, '')]
              }
              actions: {
                baseBlob: {
                  tierToCool: {
                    daysAfterModificationGreaterThan: dropsCoolAfterDays
                  }
                  tierToCold: {
                    daysAfterModificationGreaterThan: dropsColdAfterDays
                  }
                  delete: {
                    daysAfterModificationGreaterThan: dropsRetentionDays
                  }
                }
              }
            }
          }
          {
            name: 'letters-tier-keep'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${lettersContainerName}/']
              }
              actions: {
                baseBlob: {
                  tierToCool: {
                    daysAfterModificationGreaterThan: lettersCoolAfterDays
                  }
                }
              }
            }
          }
        ]
      }
    }
    dependsOn: [blobServices::containers]
  }

  // One SFTP local user per payer, SSH keys only, with a permission scope on its own container drops-<payerId>
  // and on nothing else (SFTP authorizes a local user by its permission scopes alone: no scope, no access). It lands
  // at the root of that container, so uploads need no directory (writing into a subdirectory would also need r).
  // ACL authorization stays off, so no POSIX ACL on the data plane can widen that.
  resource sftpUsers 'localUsers' = [
    for (payer, i) in sftpPayers: {
      name: payer.payerId
      properties: {
        homeDirectory: payerContainerNames[i]
        permissionScopes: [
          {
            service: 'blob'
            resourceName: payerContainerNames[i]
            permissions: sftpPermissions
          }
        ]
        allowAclAuthorization: false
        hasSshKey: true
        hasSshPassword: false
        hasSharedKey: false
        sshAuthorizedKeys: map(payer.sshPublicKeys, (key, i) => {
          description: '${payer.payerId}-${i}'
          key: key
        })
      }
      dependsOn: [blobServices::containers]
    }
  ]
}

// Diagnostic settings live on each service (blob, queue, table), not on the account: the account itself only has metrics.
resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::blobServices
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::queueServices
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account::tableServices
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [for category in storageLogCategories: { category: category, enabled: true }]
  }
}

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output sftpEnabled bool = sftpEnabled
