// Optional Key Vault for the subscriber-token signing key (by default the app keeps it in its own storage,
// keys/subscription-tokens.key). RBAC only: no access policies, no keys in settings.
param name string
param location string
param tags object
param privateOnly bool = false

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Short soft delete and no purge protection, so `azd down --purge` frees the name at once.
    softDeleteRetentionInDays: 7
    publicNetworkAccess: privateOnly ? 'Disabled' : 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: privateOnly ? 'Deny' : 'Allow'
    }
  }
}

output id string = keyVault.id
output name string = keyVault.name
output uri string = keyVault.properties.vaultUri
