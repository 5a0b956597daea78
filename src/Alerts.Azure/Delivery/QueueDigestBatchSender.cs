using System.Text.Json;
using Alerts.Storage;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>digest-batches</c> storage queue, read by the queue-triggered digest batch function.</summary>
public sealed class QueueDigestBatchSender(QueueServiceClient queues) : IDigestBatchSender
{
    private readonly TracedQueue _queue = new(queues, StorageNames.DigestBatchQueue);

    public Task EnqueueAsync(DigestBatch batch, CancellationToken cancellationToken) =>
        _queue.SendAsync(traceParent => JsonSerializer.Serialize(batch with { TraceParent = traceParent }, AlertsJson.Options), cancellationToken);
}
