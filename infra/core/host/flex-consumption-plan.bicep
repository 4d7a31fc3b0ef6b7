// A Flex Consumption (FC1) plan: Linux, pay per execution and memory, scales to zero.
@description('Name of the plan.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan.')
param tags { *: string }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

output id string = plan.id
output name string = plan.name
