using System.Text.Json;
using Alerts.Storage;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>immediate-batches</c> storage queue, read by the queue-triggered immediate batch function.</summary>
public sealed class QueueImmediateBatchSender(QueueServiceClient queues) : IImmediateBatchSender
{
    private readonly TracedQueue _queue = new(queues, StorageNames.ImmediateBatchQueue);

    public Task EnqueueAsync(ImmediateBatch batch, CancellationToken cancellationToken) =>
        _queue.SendAsync(traceParent => JsonSerializer.Serialize(batch with { TraceParent = traceParent }, AlertsJson.Options), cancellationToken);
}
