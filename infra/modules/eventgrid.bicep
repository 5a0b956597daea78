// Pushes the storage account's blob-created events under articles/ to the blob trigger's webhook, so an upload
// is analysed within seconds (no polling). Event Grid validates a webhook when the subscription is made, and the
// blobs_extension key exists only once the app runs, so main.bicep deploys this after the code (see azure.yaml).
param systemTopicName string
param subscriptionName string
param location string
param tags object
param storageAccountName string
param functionAppName string
param container string

@description('The user-assigned identity Event Grid writes dead letters with (it has a blob data role on the account).')
param identityId string

@description('Container in the same account for the events that could not be delivered.')
param deadLetterContainer string

@description('Deliveries tried before an event is dead-lettered (Event Grid backs off between them).')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int = 30

@description('Minutes an event is retried before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

@description('The blob-triggered function, as the host names it.')
param functionName string = 'Host.Functions.ArticleUploaded'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  // The identity the subscription's dead-lettering authenticates with must be the topic's.
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource articleUploads 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=${functionName}&code=${listKeys('${site.id}/host/default', site.apiVersion).systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${container}/'
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    // An event still undelivered after the retries is written to a blob with the identity (no key), not dropped.
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'UserAssigned'
        userAssignedIdentity: identityId
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}

output systemTopicName string = systemTopic.name
