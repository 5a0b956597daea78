// Lets the person who runs azd upload articles and read the results with their own Entra sign-in
// (`az storage blob upload --auth-mode login`): the account has no keys to hand out. Scoped to what the README's
// commands touch, so the user cannot read the app's own blobs (the token signing key in `keys`).
@description('Object id of the deploying user (azd sets AZURE_PRINCIPAL_ID).')
param principalId string

@allowed(['User', 'ServicePrincipal', 'Group'])
@description('What principalId is: a person running azd, a service principal running it in CI, or a group (azd sets AZURE_PRINCIPAL_TYPE).')
param principalType string = 'User'
param storageAccountName string
param articlesContainer string
param analysesContainer string
param statusTable string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource articles 'containers' existing = {
      name: articlesContainer
    }

    resource analyses 'containers' existing = {
      name: analysesContainer
    }
  }

  resource tableService 'tableServices' existing = {
    name: 'default'

    resource status 'tables' existing = {
      name: statusTable
    }
  }
}

resource uploadArticles 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::articles.id, principalId, roles.storageBlobDataContributor)
  scope: storage::blobService::articles
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageBlobDataContributor
    )
  }
}

resource readAnalyses 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::analyses.id, principalId, roles.storageBlobDataReader)
  scope: storage::blobService::analyses
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataReader)
  }
}

resource readStatus 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::tableService::status.id, principalId, roles.storageTableDataReader)
  scope: storage::tableService::status
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataReader)
  }
}
