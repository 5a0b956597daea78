using System.Text.Json;
using Alerts.Storage;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>digest-batches</c> storage queue, read by the queue-triggered digest batch function.</summary>
public sealed class QueueDigestBatchSender(QueueServiceClient queues) : IDigestBatchSender
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.DigestBatchQueue);
    private readonly StorageInitializer _init = new(queues.GetQueueClient(StorageNames.DigestBatchQueue));

    public Task EnqueueAsync(DigestBatch batch, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(batch, AlertsJson.Options);
        return _init.RunAsync(ct => _queue.SendMessageAsync(body, ct), cancellationToken);
    }
}
