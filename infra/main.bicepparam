// Parameters for every azd environment. azd exports the environment (.azure/<env>/.env) before building this
// file, so `azd env set NAME value` reaches the template through readEnvironmentVariable. The defaults are the
// dev environment (synthetic data only); docs/deploy.md lists the values to set for test and production.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// The deployer gets no data access unless asked (azd env set GRANT_DEPLOYER_DATA_ACCESS true: dev with synthetic data
// only); cheap storage and a vault that can be purged by default.
param grantDeployerDataAccess = bool(readEnvironmentVariable('GRANT_DEPLOYER_DATA_ACCESS', 'false'))
param storageSku = readEnvironmentVariable('STORAGE_SKU', 'Standard_LRS')
param keyVaultPurgeProtection = bool(readEnvironmentVariable('KEY_VAULT_PURGE_PROTECTION', 'false'))

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param sendGridFromEmail = readEnvironmentVariable('SENDGRID_FROM_EMAIL', '')
param publicBaseUrl = readEnvironmentVariable('APP_PUBLIC_BASE_URL', '')
param defaultRecipientEmail = readEnvironmentVariable('DEFAULT_RECIPIENT_EMAIL', '')
param allowPhiInEmail = bool(readEnvironmentVariable('EMAIL_ALLOW_PHI_ATTACHMENTS', 'false'))

param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '')
param authAllowedClientApplications = split(readEnvironmentVariable('AUTH_ALLOWED_CLIENT_APPS', ''), ',')
param authClientSecretFromKeyVault = bool(readEnvironmentVariable('AUTH_CLIENT_SECRET_IN_KEY_VAULT', 'false'))

// JSON array of { "payerId": "...", "sshPublicKeys": ["ssh-ed25519 ..."] }; empty keeps SFTP off.
param sftpPayers = json(readEnvironmentVariable('SFTP_PAYERS_JSON', '[]'))
