using System.Text.Json;
using Alerts.Analysis;
using Alerts.Storage;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>immediate-deliveries</c> storage queue, read by the queue-triggered immediate delivery function.</summary>
public sealed class QueueNewMatchesNotifier(QueueServiceClient queues) : INewMatchesNotifier
{
    private readonly TracedQueue _queue = new(queues, StorageNames.ImmediateQueue);

    public Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken) =>
        _queue.SendAsync(traceParent => JsonSerializer.Serialize(message with { TraceParent = traceParent }, AlertsJson.Options), cancellationToken);
}
