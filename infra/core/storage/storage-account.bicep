// The pipeline's storage account: queues (+ poison queues), tables, containers, lifecycle rules and,
// optionally, SFTP for payers. Shared keys are off: every client (function app, Event Grid, people)
// authenticates with Entra ID. Names come from main.bicep, which mirrors src/Shared/Storage/StorageNames.cs.

@export()
@description('A payer that uploads over SFTP: payer id (SFTP user name, folder drops/<payerId>) and public SSH keys.')
type sftpPayer = {
  @description('Payer id: 3-64 lowercase letters and digits. Becomes the SFTP local user name and the folder drops/<payerId>.')
  @minLength(3)
  @maxLength(64)
  payerId: string

  @description('OpenSSH public keys ("ssh-rsa AAAA..." or "ssh-ed25519 AAAA...") the payer signs in with.')
  @minLength(1)
  sshPublicKeys: string[]
}

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

@description('Blob containers to create (private).')
param containerNames string[]

@description('Container payers drop remittance files into (lifecycle rule and SFTP home folders).')
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

@description('SFTP permissions each payer gets on the drops container: c=create, w=write (no read, list or delete).')
param sftpPermissions string

// SFTP needs a hierarchical namespace. Both can only be chosen when the account is created.
var sftpEnabled = !empty(sftpPayers)

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
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      defaultAction: 'Allow'
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
      for container in containerNames: {
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
  // what was sent); they only move to Cool.
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
                prefixMatch: ['${dropsContainerName}/']
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

  // One SFTP local user per payer, SSH keys only, landing in drops/<payerId>.
  resource sftpUsers 'localUsers' = [
    for payer in sftpPayers: {
      name: payer.payerId
      properties: {
        homeDirectory: '${dropsContainerName}/${payer.payerId}'
        permissionScopes: [
          {
            service: 'blob'
            resourceName: dropsContainerName
            permissions: sftpPermissions
          }
        ]
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

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output sftpEnabled bool = sftpEnabled
