// Everything Alerts needs in Azure. `azd up` provisions this, deploys src/Alerts.Functions, then provisions again
// with the Event Grid subscription (see azure.yaml); `az deployment sub create` works the same way by hand.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region of every regional resource.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Object id of the deploying user, allowed to upload articles and read the results; empty for none.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
@description('What principalId is: User when a person runs azd, ServicePrincipal in CI (azd sets AZURE_PRINCIPAL_TYPE).')
param principalType string = 'User'

@description('Create the Event Grid subscription to the blob trigger. Needs the app deployed first: its webhook must answer Event Grid\'s validation.')
param articleEventsEnabled bool = false

@description('Create a Key Vault for the subscriber-token signing key (today the app keeps it in storage, keys/), with the identity\'s role on it.')
param keyVaultEnabled bool = false

@description('Put storage (and the Key Vault) behind private endpoints in a new virtual network.')
param vnetEnabled bool = false

@allowed(['F0', 'S'])
@description('Azure AI Language tier: F0 is free (5,000 records a month, one per subscription), S pays per record.')
param languageSku string = 'S'

@description('Where Communication Services keeps data at rest.')
param communicationDataLocation string = 'United States'

@description('A domain of yours to send email from (e.g. alerts.example.com): the Azure-managed domain allows about 10 emails an hour. Empty for the Azure-managed domain only.')
param emailDomain string = ''

@description('The custom email domain is verified (its DNS records added, verification passed): send from it.')
param emailDomainVerified bool = false

@description('Where Azure Monitor mails the pipeline\'s own alerts (poison messages, refused uploads, Language fallbacks and errors, failing digests and functions); empty for no alerts.')
param alertEmail string = ''

@description('NCRONTAB schedule of the digest timer (six fields, seconds first).')
param digestSchedule string = '0 */5 * * * *'

@description('Public address of the app for confirmation and unsubscribe links; empty for the function app\'s own.')
param publicBaseUrl string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
// Names are fixed here, not read back from module outputs, so What-If can predict every resource.
var names = {
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  logAnalytics: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: '${abbrs.insightsComponents}${resourceToken}'
  language: '${abbrs.cognitiveServicesTextAnalytics}${resourceToken}'
  communication: '${abbrs.communicationServices}${resourceToken}'
  emailService: '${abbrs.communicationEmailServices}${resourceToken}'
  keyVault: '${abbrs.keyVaultVaults}${resourceToken}'
  vnet: '${abbrs.networkVirtualNetworks}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  systemTopic: '${abbrs.eventGridSystemTopics}${resourceToken}'
  eventSubscription: '${abbrs.eventGridEventSubscriptions}articles-${resourceToken}'
  actionGroup: 'ag-${resourceToken}'
  alertRulePrefix: 'alert-${resourceToken}-'
}
var functionAppName = '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainer = 'app-package-${resourceToken}'

// The names the code uses (Alerts.Storage.StorageNames); the tests check they agree.
var articlesContainer = 'articles'
var analysesContainer = 'analyses'
var statusTable = 'articles'
// Blob-created events Event Grid could not deliver after its retries, kept for a look and a replay.
var deadLetterContainer = 'article-events-deadletter'
var containers = [
  articlesContainer
  analysesContainer
  'querymatches'
  'digests'
  'keys'
  deploymentContainer
  deadLetterContainer
]
var tables = [
  statusTable
  'matches'
  'rulematches'
  'querymatches'
  'subscriptions'
  'subscriptionindex'
  'deliveries'
  'storybuckets'
]
var queues = ['immediate-deliveries', 'immediate-batches', 'digest-batches']

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    containers: containers
    tables: tables
    queues: queues
    privateOnly: vnetEnabled
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module language 'modules/language.bicep' = {
  scope: rg
  params: {
    name: names.language
    location: location
    tags: tags
    sku: languageSku
  }
}

module communication 'modules/communication.bicep' = {
  scope: rg
  params: {
    communicationName: names.communication
    emailServiceName: names.emailService
    tags: tags
    dataLocation: communicationDataLocation
    customDomain: emailDomain
    customDomainVerified: emailDomainVerified
  }
}

module keyVault 'modules/keyvault.bicep' = if (keyVaultEnabled) {
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    privateOnly: vnetEnabled
  }
}

module network 'modules/network.bicep' = if (vnetEnabled) {
  scope: rg
  params: {
    name: names.vnet
    location: location
    tags: tags
    endpointNamePrefix: abbrs.networkPrivateEndpoints
    privateEndpoints: concat(
      map(['blob', 'queue', 'table'], service => {
        name: '${service}-${resourceToken}'
        type: 'Microsoft.Storage/storageAccounts'
        resource: names.storage
        groupId: service
        dnsZone: 'privatelink.${service}.${environment().suffixes.storage}'
      }),
      keyVaultEnabled
        ? [
            {
              name: 'vault-${resourceToken}'
              type: 'Microsoft.KeyVault/vaults'
              resource: names.keyVault
              groupId: 'vault'
              dnsZone: 'privatelink.vaultcore.azure.net'
            }
          ]
        : []
    )
  }
  dependsOn: [storage, keyVault]
}

// Every setting the app reads, one for one with local.settings.sample.json (the settings test checks both).
// No keys or connection strings: storage, Language, email and telemetry all use the identity.
var appSettings = {
  // The host's own storage, identity-based.
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.outputs.clientId
  // The pipeline's storage (Alerts.Configuration.AppSettingNames.StorageConnection), identity-based.
  AlertsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AlertsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AlertsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AlertsStorage__credential: 'managedidentity'
  AlertsStorage__clientId: identity.outputs.clientId
  // Telemetry with Entra auth (the resource has local auth off).
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identity.outputs.clientId}'
  // DefaultAzureCredential (Language, email) picks the user-assigned identity by this.
  AZURE_CLIENT_ID: identity.outputs.clientId
  DigestSchedule: digestSchedule
  StoryPruneSchedule: '0 17 * * * *'
  Alerts__Analysis__MaxArticleBytes: '5242880'
  Alerts__Analysis__DefaultLanguage: 'en'
  Alerts__Analysis__TimeLimit: '00:00:30'
  Alerts__Stories__Window: '2.00:00:00'
  Alerts__Stories__PruneMaxRows: '200000'
  Alerts__Rules__Path: ''
  Alerts__Rules__IncludeBuiltin: 'true'
  Alerts__Language__Endpoint: language.outputs.endpoint
  Alerts__Language__ApiVersion: '2024-11-01'
  Alerts__Language__ModelVersion: 'latest'
  Alerts__Language__LoggingOptOut: 'true'
  // The app's own address as Azure gives it (defaultHostName), not one guessed from its name.
  Alerts__Subscriptions__PublicBaseUrl: empty(publicBaseUrl) ? functionApp.outputs.url : publicBaseUrl
  Alerts__Subscriptions__ConfirmationLifetime: '7.00:00:00'
  Alerts__Subscriptions__MaxQueries: '20'
  Alerts__Subscriptions__ConfirmationResendInterval: '00:15:00'
  Alerts__Subscriptions__ConfirmationsPerClient: '30'
  Alerts__Subscriptions__ConfirmationClientWindow: '01:00:00'
  Alerts__Digests__SettleDelay: '00:00:30'
  Alerts__Digests__MaxArticles: '50'
  Alerts__Digests__RetrySchedule: '00:01:00,00:05:00,00:30:00,02:00:00,06:00:00'
  Alerts__Digests__ClaimTimeout: '00:02:00'
  Alerts__Digests__Parallelism: '8'
  Alerts__Digests__BatchSize: '50'
  Alerts__Digests__BatchCacheEntries: '2000'
  Alerts__Immediate__FanOutBatchSize: '50'
  Alerts__Immediate__EnqueueParallelism: '16'
  // Email through Azure Communication Services with the identity; the SMTP settings stay empty in Azure.
  Alerts__Email__Provider: 'acs'
  Alerts__Email__Sender: communication.outputs.senderAddress
  Alerts__Email__SenderName: 'Alerts'
  Alerts__Email__AcsEndpoint: communication.outputs.endpoint
  Alerts__Email__SmtpHost: ''
  Alerts__Email__SmtpPort: '587'
  Alerts__Email__SmtpUser: ''
  Alerts__Email__UseTls: 'true'
  Alerts__Email__SmtpConnections: '4'
  Alerts__Email__SmtpMessagesPerConnection: '100'
  Alerts__Webhooks__Timeout: '00:00:15'
  Alerts__Webhooks__MaxConnectionsPerHost: '16'
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    planName: names.plan
    name: functionAppName
    location: location
    tags: tags
    identityId: identity.outputs.id
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainer: deploymentContainer
    subnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
  }
}

module settings 'modules/appsettings.bicep' = {
  scope: rg
  params: {
    functionAppName: functionAppName
    settings: appSettings
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    languageName: names.language
    applicationInsightsName: names.applicationInsights
    communicationName: names.communication
    keyVaultName: keyVaultEnabled ? names.keyVault : ''
  }
  dependsOn: [identity, storage, language, monitoring, communication, keyVault]
}

module uploader 'modules/uploader.bicep' = if (!empty(principalId)) {
  scope: rg
  params: {
    principalId: principalId
    principalType: principalType
    storageAccountName: names.storage
    articlesContainer: articlesContainer
    analysesContainer: analysesContainer
    statusTable: statusTable
  }
  dependsOn: [storage]
}

module alertRules 'modules/alertrules.bicep' = if (!empty(alertEmail)) {
  scope: rg
  params: {
    actionGroupName: names.actionGroup
    ruleNamePrefix: names.alertRulePrefix
    location: location
    tags: tags
    applicationInsightsName: names.applicationInsights
    alertEmail: alertEmail
  }
  dependsOn: [monitoring]
}

module eventGrid 'modules/eventgrid.bicep' = if (articleEventsEnabled) {
  scope: rg
  params: {
    systemTopicName: names.systemTopic
    subscriptionName: names.eventSubscription
    location: location
    tags: tags
    storageAccountName: names.storage
    functionAppName: functionAppName
    container: articlesContainer
    identityId: identity.outputs.id
    deadLetterContainer: deadLetterContainer
  }
  // The webhook needs the app, its settings and its roles in place to answer the validation.
  dependsOn: [functionApp, settings, roles]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.url
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_ARTICLES_CONTAINER string = articlesContainer
output AZURE_LANGUAGE_ENDPOINT string = language.outputs.endpoint
output AZURE_COMMUNICATION_ENDPOINT string = communication.outputs.endpoint
output AZURE_EMAIL_SENDER string = communication.outputs.senderAddress
output AZURE_EMAIL_DOMAIN_RECORDS object = communication.outputs.customDomainRecords
output AZURE_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
output AZURE_KEY_VAULT_ENDPOINT string = keyVaultEnabled ? keyVault!.outputs.uri : ''
