// Event Grid: a system topic on the storage account and one subscription per drop container (drops, and each SFTP
// payer's drops-<payerId>) that turns every file committed there into a message on the denial-files queue, and one
// for claims-outbound (outbound claims to check) onto its own queue. Delivery uses the system topic's own managed
// identity, which may only send messages to those queues (Storage Queue Data Message Sender scoped to each queue).
//
// Why one subscription per container: subjectBeginsWith is a plain prefix, so '/blobServices/default/containers/drops'
// would also take dropsX and any drops-* container someone creates. Each subscription's prefix ends with the
// container name and a slash, so it matches that one container exactly. One subscription with an advanced filter
// listing the containers would cap the payers (25 filter values per subscription, 5 already used by data.api).

@description('Name of the Event Grid system topic.')
param systemTopicName string

@description('A container whose new blobs are announced, and the name of the event subscription that does it.')
type dropSubscription = {
  @description('Event subscription name (3-64 letters, digits and hyphens).')
  @minLength(3)
  @maxLength(64)
  name: string

  @description('Container whose completed uploads are announced.')
  containerName: string

  @description('Queue this container\'s events go to; default: queueName (denial-files). The claims-outbound drop uses its own queue.')
  queueName: string?
}

@description('Azure region (a system topic lives in its source\'s region).')
param location string

@description('Tags applied to the topic.')
param tags { *: string }

@description('Name of the storage account that is both the event source and the destination.')
param storageAccountName string

@description('One event subscription per drop container: drops, then each SFTP payer\'s drops-<payerId>.')
@minLength(1)
param subscriptions dropSubscription[]

@description('Queue the events are written to unless a subscription names its own.')
param queueName string

@description('Seconds a queued event may wait before the queue drops it (-1: never expires).')
param queueMessageTimeToLiveInSeconds int

// Operations that mean "a complete file is there": Blob API uploads, copies, Data Lake flush-with-close,
// and the SFTP commit (SftpCreate fires earlier, for the empty file opened by the client).
var completedUploadApis = ['PutBlob', 'PutBlockList', 'CopyBlob', 'FlushWithClose', 'SftpCommit']
var storageQueueDataMessageSender = 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'

// Every queue a subscription delivers to: the topic's identity may send to these and no other.
var queueNames = union([queueName], map(filter(subscriptions, s => s.?queueName != null), s => s.?queueName ?? queueName))

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource queueServices 'queueServices' existing = {
    name: 'default'
  }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = [
  for name in queueNames: {
    parent: storage::queueServices
    name: name
  }
]

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource sendToQueue 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in queueNames: {
    name: guid(queues[i].id, systemTopic.id, storageQueueDataMessageSender)
    scope: queues[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataMessageSender)
      principalId: systemTopic.identity.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// One at a time: a few subscriptions, and no concurrent writes on the one system topic.
@batchSize(1)
resource dropsToQueue 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for subscription in subscriptions: {
    parent: systemTopic
    name: subscription.name
    properties: {
      eventDeliverySchema: 'EventGridSchema'
      filter: {
        includedEventTypes: ['Microsoft.Storage.BlobCreated']
        // The trailing slash: this container only (not drops-x or dropsX when the container is drops).
        subjectBeginsWith: '/blobServices/default/containers/${subscription.containerName}/'
        advancedFilters: [
          {
            operatorType: 'StringIn'
            key: 'data.api'
            values: completedUploadApis
          }
        ]
      }
      retryPolicy: {
        maxDeliveryAttempts: 30
        eventTimeToLiveInMinutes: 1440
      }
      deliveryWithResourceIdentity: {
        identity: {
          type: 'SystemAssigned'
        }
        destination: {
          endpointType: 'StorageQueue'
          properties: {
            resourceId: storage.id
            queueName: subscription.?queueName ?? queueName
            queueMessageTimeToLiveInSeconds: queueMessageTimeToLiveInSeconds
          }
        }
      }
    }
    dependsOn: [sendToQueue]
  }
]

output systemTopicName string = systemTopic.name
