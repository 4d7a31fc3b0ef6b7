// Dev environment. azd exports its environment (.azure/<env>/.env) before building this file, so values
// set with `azd env set NAME value` arrive through readEnvironmentVariable.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Dev holds synthetic data only: the developer may read queues, tables, blobs and secrets.
param grantDeployerDataAccess = true
param storageSku = 'Standard_LRS'
param keyVaultPurgeProtection = false

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param sendGridFromEmail = readEnvironmentVariable('SENDGRID_FROM_EMAIL', '')
param publicBaseUrl = readEnvironmentVariable('APP_PUBLIC_BASE_URL', '')
param allowPhiInEmail = false

param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '')

param sftpPayers = []
