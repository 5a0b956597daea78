// Azure Communication Services with an Email service and an Azure-managed domain (DoNotReply@<guid>.azurecomm.net).
// The app sends over REST with an Entra token, so no connection string or key is handed out.
param communicationName string
param emailServiceName string
param tags object

@description('Where the data is stored at rest, e.g. United States, Europe, UK.')
param dataLocation string = 'United States'

resource emailService 'Microsoft.Communication/emailServices@2026-03-18' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource emailDomain 'Microsoft.Communication/emailServices/domains@2026-03-18' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communication 'Microsoft.Communication/communicationServices@2026-03-18' = {
  name: communicationName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      emailDomain.id
    ]
  }
}

output id string = communication.id
output name string = communication.name
output endpoint string = 'https://${communication.properties.hostName}/'
// An Azure-managed domain always has the DoNotReply sender.
output senderAddress string = 'DoNotReply@${emailDomain.properties.mailFromSenderDomain}'
