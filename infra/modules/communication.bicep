// Azure Communication Services with an Email service. The sender is DoNotReply on the Azure-managed domain
// (DoNotReply@<guid>.azurecomm.net, about 10 emails an hour) or, once verified, on a custom domain (higher limits).
// The app sends over REST with an Entra token, so no connection string or key is handed out.
param communicationName string
param emailServiceName string
param tags object

@description('Where the data is stored at rest, e.g. United States, Europe, UK.')
param dataLocation string = 'United States'

@description('A domain of yours to send from (e.g. alerts.example.com); empty for the Azure-managed domain only.')
param customDomain string = ''

@description('The custom domain\'s DNS records are in place and Azure has verified it: link it and send from it.')
param customDomainVerified bool = false

// Linking an unverified domain fails, so the custom domain is made first (its DNS records are an output), then
// used once verified.
var sendFromCustomDomain = !empty(customDomain) && customDomainVerified

resource emailService 'Microsoft.Communication/emailServices@2026-03-18' = {
  name: emailServiceName
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource azureManagedDomain 'Microsoft.Communication/emailServices/domains@2026-03-18' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource customEmailDomain 'Microsoft.Communication/emailServices/domains@2026-03-18' = if (!empty(customDomain)) {
  parent: emailService
  name: empty(customDomain) ? 'none' : customDomain
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
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
      sendFromCustomDomain ? customEmailDomain.id : azureManagedDomain.id
    ]
  }
}

output id string = communication.id
output name string = communication.name
output endpoint string = 'https://${communication.properties.hostName}/'
// Every domain has the DoNotReply sender; the address follows the linked domain.
output senderAddress string = sendFromCustomDomain
  ? 'DoNotReply@${customEmailDomain!.properties.mailFromSenderDomain}'
  : 'DoNotReply@${azureManagedDomain.properties.mailFromSenderDomain}'
// The TXT, SPF, DKIM and DMARC records to add to the custom domain's DNS before verifying it; none without one.
output customDomainRecords object = empty(customDomain) ? {} : customEmailDomain!.properties.verificationRecords
