// The identity's role assignments: exactly what the code does, each scoped to its one resource.
@description('The app\'s user-assigned identity: every assignment below is to it.')
param identityName string
param storageAccountName string
param languageName string
param applicationInsightsName string
param communicationName string

@description('Key Vault to grant secret access on; empty when there is none.')
param keyVaultName string = ''

// Built-in role definition ids (the same in every tenant).
var roles = {
  // Blobs: read uploads, write analyses, digests and the token key; the blob trigger's receipts; deployment packages.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queue trigger and the immediate-deliveries queue (and the host's poison queues).
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Upload status, matches, subscriptions, the delivery ledger.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // The analyze-text call: Cognitive Services Language Reader has Language/analyze-text/action and no key listing,
  // where Cognitive Services User has every data action and listkeys.
  cognitiveServicesLanguageReader: '7628b7b8-a8b2-4cdc-b46f-e9b35248918e'
  // Telemetry to Application Insights with Entra auth.
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  // Sending email with an Entra token: no narrower built-in role covers it; scoped to this one resource.
  communicationAndEmailServiceOwner: '09976791-48a7-449e-bb21-39d1a415f350'
  // The subscriber-token signing key: the app makes it on first use, then reads it.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource language 'Microsoft.CognitiveServices/accounts@2026-07-01' existing = {
  name: languageName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource communication 'Microsoft.Communication/communicationServices@2026-03-18' existing = {
  name: communicationName
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' existing = if (!empty(keyVaultName)) {
  name: keyVaultName
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, identity.id, role)
    scope: storage
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource languageReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(language.id, identity.id, roles.cognitiveServicesLanguageReader)
  scope: language
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.cognitiveServicesLanguageReader
    )
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
  }
}

resource emailSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(communication.id, identity.id, roles.communicationAndEmailServiceOwner)
  scope: communication
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.communicationAndEmailServiceOwner
    )
  }
}

resource keyVaultSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultName)) {
  name: guid(keyVault.id, identity.id, roles.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
