// The function app (service "api"): Flex Consumption, .NET isolated worker, user-assigned identity,
// identity-based storage connection, Entra-authenticated telemetry, Key Vault reference for the SendGrid key,
// and App Service Authentication (Entra ID) in front of every HTTP function.

@description('Name of the function app.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the app (azd-service-name is added).')
param tags { *: string }

@description('azd service name this app hosts (azure.yaml).')
param serviceName string

@description('Resource id of the Flex Consumption plan.')
param planId string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (for identity-based connections and telemetry).')
param identityClientId string

@description('Name of the storage account (AzureWebJobsStorage, queues, tables, blobs).')
param storageAccountName string

@description('Container in the storage account that holds the deployment package (Flex Consumption).')
param deploymentContainerName string

@description('Runtime stack of the worker.')
param runtimeName string

@description('Runtime version of the worker.')
param runtimeVersion string

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Upper bound on the number of instances (caps cost and downstream load).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Application setting values that are not about storage or telemetry (SendGrid, App, Email ...).')
param appSettings { *: string }

@description('Public https base URL of the app, used in links inside emails. Empty: the app\'s default host name.')
param publicBaseUrl string

@description('Entra ID app registration (client) id that protects the API. Empty: no provider is configured and every request gets 401.')
param authClientId string

@description('Entra ID tenant id that issues the tokens.')
param authTenantId string

@description('Client ids of other applications (payers\' systems, scripts) whose tokens may call the API besides the app itself. Tokens of any other client application are refused.')
param authAllowedClientApplications string[] = []

@description('True when the app registration\'s client secret is in Key Vault (app setting MICROSOFT_PROVIDER_AUTHENTICATION_SECRET): browser sign-in then uses the authorization code flow.')
param authClientSecretFromKeyVault bool = false

@description('Resource id of the subnet (delegated to Microsoft.App/environments) the app integrates with. Empty: no VNet integration.')
param virtualNetworkSubnetId string = ''

@description('Resource id of the Log Analytics workspace that receives the app\'s FunctionAppLogs.')
param logAnalyticsWorkspaceId string

var authClientSecretSetting = 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: planId
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references in app settings resolve with this identity (not a system-assigned one).
    keyVaultReferenceIdentity: identityId
    // Outbound through the VNet: storage and Key Vault are then reached at their private endpoints.
    virtualNetworkSubnetId: !empty(virtualNetworkSubnetId) ? virtualNetworkSubnetId : null
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, {
      // Identity-based AzureWebJobsStorage: no connection string, no key.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      // Telemetry with an Entra token (the component has local auth disabled).
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      Delivery__PublicBaseUrl: !empty(publicBaseUrl) ? publicBaseUrl : 'https://${site.properties.defaultHostName}'
    })
  }

  // Easy Auth: every HTTP request is signed in with Entra ID. People sign in in the browser (the pages, the emailed
  // letter links): an unauthenticated page request is sent to the Entra sign-in page and comes back with a session
  // cookie; the pages' API calls carry X-Requested-With, so an expired session gets 401 (the page offers "Sign in")
  // instead of a cross-origin redirect. Scripts and payer systems send a bearer token. Without an app registration
  // everything gets 401 (fails closed). Roles (Coder, Manager, Admin, Payer) arrive in the token's roles claim and
  // are checked by the app.
  resource auth 'config' = {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: true
        unauthenticatedClientAction: empty(authClientId) ? 'Return401' : 'RedirectToLoginPage'
        redirectToProvider: empty(authClientId) ? null : 'azureactivedirectory'
        // SendGrid's Event Webhook cannot sign in; the function checks SendGrid's ECDSA signature instead (docs/api.md).
        excludedPaths: [
          '/api/sendgrid/events'
        ]
      }
      httpSettings: {
        requireHttps: true
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: !empty(authClientId)
          registration: {
            clientId: authClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
            // With a client secret (a Key Vault reference in this app setting) sign-in uses the authorization code
            // flow; without one, the registration must allow ID tokens (docs/deploy.md).
            clientSecretSettingName: authClientSecretFromKeyVault && !empty(authClientId) ? authClientSecretSetting : null
          }
          validation: {
            allowedAudiences: empty(authClientId) ? [] : ['api://${authClientId}', authClientId]
            // Only the app's own sign-in and the client applications named here (azp/appid); users and apps must also
            // be assigned to the enterprise application (appRoleAssignmentRequired, docs/deploy.md).
            defaultAuthorizationPolicy: {
              allowedApplications: empty(authClientId) ? [] : union([authClientId], filter(authAllowedClientApplications, a => !empty(a)))
            }
          }
        }
      }
    }
  }

  // No FTP or SCM basic-auth publishing: azd deploys with an Entra token.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

// The host's and the functions' log lines (no PHI: the code logs case ids only) next to the storage and vault audit.
resource functionLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
