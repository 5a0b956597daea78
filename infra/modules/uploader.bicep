// Lets the person who runs azd upload articles and read results with their own Entra sign-in
// (`az storage blob upload --auth-mode login`): the account has no keys to hand out.
@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID).')
param principalId string
param storageAccountName string

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource uploader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}
