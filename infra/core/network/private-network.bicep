// Network isolation (main.bicep networkIsolation = true): a VNet with one subnet the function app integrates with
// (outbound) and one for private endpoints; private endpoints for the storage account's blob, queue and table services
// and for Key Vault, each registered in its privatelink DNS zone linked to the VNet, so the app resolves the usual
// public host names to private addresses. Azure Files is not used (Flex Consumption has no content share): no file
// endpoint.

@description('Name of the virtual network.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to every resource of the module.')
param tags { *: string }

@description('Address space of the VNet (CIDR).')
param addressPrefix string

@description('Subnet the function app integrates with (CIDR inside addressPrefix; /27 or larger, Flex Consumption reserves addresses per instance).')
param appSubnetPrefix string

@description('Subnet for the private endpoints (CIDR inside addressPrefix).')
param privateEndpointSubnetPrefix string

@description('Name of the storage account that gets blob, queue and table private endpoints.')
param storageAccountName string

@description('Name of the Key Vault that gets a private endpoint.')
param keyVaultName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

// One entry per private endpoint: sub-resource (group id; 'vault' targets the vault, the others the storage account)
// and its privatelink zone. Zone names come
// from environment() so sovereign clouds get theirs (core.windows.net, vault.azure.net in the public cloud).
var endpoints = [
  {
    name: 'blob'
    groupId: 'blob'
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    name: 'queue'
    groupId: 'queue'
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    name: 'table'
    groupId: 'table'
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    name: 'vault'
    groupId: 'vault'
    zone: 'privatelink${environment().suffixes.keyvaultDns}'
  }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [addressPrefix]
    }
    subnets: [
      {
        name: 'snet-app'
        properties: {
          addressPrefix: appSubnetPrefix
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments
          // (Premium and Dedicated plans use Microsoft.Web/serverFarms instead).
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'snet-app'
  }

  resource endpointSubnet 'subnets' existing = {
    name: 'snet-private-endpoints'
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for endpoint in endpoints: {
    name: endpoint.zone
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (endpoint, i) in endpoints: {
    parent: zones[i]
    name: '${name}-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-07-01' = [
  for endpoint in endpoints: {
    name: 'pe-${endpoint.name}-${name}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: vnet::endpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: 'pe-${endpoint.name}'
          properties: {
            privateLinkServiceId: endpoint.groupId == 'vault' ? vault.id : storage.id
            groupIds: [endpoint.groupId]
          }
        }
      ]
    }
  }
]

// The zone group writes the endpoint's A record into its zone (and removes it with the endpoint).
resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: replace(endpoint.zone, '.', '-')
          properties: {
            privateDnsZoneId: zones[i].id
          }
        }
      ]
    }
    dependsOn: [zoneLinks[i]]
  }
]

output vnetId string = vnet.id
output appSubnetId string = vnet::appSubnet.id
output privateEndpointSubnetId string = vnet::endpointSubnet.id
