// Azure AI Language for entity recognition. Local auth (keys) is off; the custom subdomain is what makes
// Entra ID tokens usable against it.
param name string
param location string
param tags object

@allowed(['F0', 'S'])
@description('F0 is free (5,000 text records a month, one F0 per subscription); S is pay per record.')
param sku string = 'S'

resource language 'Microsoft.CognitiveServices/accounts@2026-07-01' = {
  name: name
  location: location
  tags: tags
  kind: 'TextAnalytics'
  sku: {
    name: sku
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    // Public even with the optional network: the app calls it with a token; a private endpoint can be added here.
    publicNetworkAccess: 'Enabled'
  }
}

output id string = language.id
output name string = language.name
output endpoint string = language.properties.endpoint
