// Parameters for production: the same azd environment variables as main.bicepparam, with production defaults —
// network isolation on (Storage and Key Vault reachable only through private endpoints, the function app
// VNet-integrated), zone-redundant storage, Key Vault purge protection, six years of audit logs, no data access for
// the deployer. Deploy it with `az deployment sub create --location <region> --parameters infra/main.prod.bicepparam`
// (docs/deploy.md, "Production"). tests/Infra.Tests checks both files read the same variables.
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'prod')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param principalType = readEnvironmentVariable('AZURE_PRINCIPAL_TYPE', 'User')

// Real PHI: the deployer never gets data access here, whatever the azd environment says.
param grantDeployerDataAccess = false
param storageSku = readEnvironmentVariable('STORAGE_SKU', 'Standard_ZRS')
param keyVaultPurgeProtection = bool(readEnvironmentVariable('KEY_VAULT_PURGE_PROTECTION', 'true'))

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param sendGridFromEmail = readEnvironmentVariable('SENDGRID_FROM_EMAIL', '')
param publicBaseUrl = readEnvironmentVariable('APP_PUBLIC_BASE_URL', '')
param defaultRecipientEmail = readEnvironmentVariable('DEFAULT_RECIPIENT_EMAIL', '')
param allowPhiInEmail = bool(readEnvironmentVariable('EMAIL_ALLOW_PHI_ATTACHMENTS', 'false'))

param authClientId = readEnvironmentVariable('AUTH_CLIENT_ID', '')
param authAllowedClientApplications = split(readEnvironmentVariable('AUTH_ALLOWED_CLIENT_APPS', ''), ',')
param authClientSecretFromKeyVault = bool(readEnvironmentVariable('AUTH_CLIENT_SECRET_IN_KEY_VAULT', 'false'))

param sftpPayers = json(readEnvironmentVariable('SFTP_PAYERS_JSON', '[]'))

param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'true'))
param storageTrustedServicesOnly = bool(readEnvironmentVariable('STORAGE_TRUSTED_SERVICES_ONLY', 'false'))

param logRetentionInDays = int(readEnvironmentVariable('LOG_RETENTION_DAYS', '90'))
param auditLogTotalRetentionInDays = int(readEnvironmentVariable('AUDIT_LOG_RETENTION_DAYS', '2190'))

param lettersOrganizationName = readEnvironmentVariable('LETTERS_ORGANIZATION_NAME', '')
param lettersAddressLine1 = readEnvironmentVariable('LETTERS_ADDRESS_LINE1', '')
param lettersAddressLine2 = readEnvironmentVariable('LETTERS_ADDRESS_LINE2', '')
param lettersCity = readEnvironmentVariable('LETTERS_CITY', '')
param lettersState = readEnvironmentVariable('LETTERS_STATE', '')
param lettersPostalCode = readEnvironmentVariable('LETTERS_POSTAL_CODE', '')
param lettersPhone = readEnvironmentVariable('LETTERS_PHONE', '')
param lettersSignerName = readEnvironmentVariable('LETTERS_SIGNER_NAME', '')
param lettersSignerTitle = readEnvironmentVariable('LETTERS_SIGNER_TITLE', '')
