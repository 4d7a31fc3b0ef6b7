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

// Network isolation (private endpoints, VNet integration): off for dev, on in main.prod.bicepparam.
param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'false'))
param storageTrustedServicesOnly = bool(readEnvironmentVariable('STORAGE_TRUSTED_SERVICES_ONLY', 'false'))

// Log Analytics: interactive retention, and total retention of the audit tables (who read or changed what).
param logRetentionInDays = int(readEnvironmentVariable('LOG_RETENTION_DAYS', '30'))
param auditLogTotalRetentionInDays = int(readEnvironmentVariable('AUDIT_LOG_RETENTION_DAYS', '90'))

// Who the letters are from (Letters__* app settings); empty ones are left unset.
param lettersOrganizationName = readEnvironmentVariable('LETTERS_ORGANIZATION_NAME', '')
param lettersAddressLine1 = readEnvironmentVariable('LETTERS_ADDRESS_LINE1', '')
param lettersAddressLine2 = readEnvironmentVariable('LETTERS_ADDRESS_LINE2', '')
param lettersCity = readEnvironmentVariable('LETTERS_CITY', '')
param lettersState = readEnvironmentVariable('LETTERS_STATE', '')
param lettersPostalCode = readEnvironmentVariable('LETTERS_POSTAL_CODE', '')
param lettersPhone = readEnvironmentVariable('LETTERS_PHONE', '')
param lettersSignerName = readEnvironmentVariable('LETTERS_SIGNER_NAME', '')
param lettersSignerTitle = readEnvironmentVariable('LETTERS_SIGNER_TITLE', '')
