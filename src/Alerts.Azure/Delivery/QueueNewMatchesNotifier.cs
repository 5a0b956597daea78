using System.Text.Json;
using Alerts.Analysis;
using Alerts.Storage;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>immediate-deliveries</c> storage queue, read by the queue-triggered immediate delivery function.</summary>
public sealed class QueueNewMatchesNotifier(QueueServiceClient queues) : INewMatchesNotifier
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.ImmediateQueue);
    private readonly StorageInitializer _init = new(queues.GetQueueClient(StorageNames.ImmediateQueue));

    public Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(message, AlertsJson.Options);
        return _init.RunAsync(ct => _queue.SendMessageAsync(body, ct), cancellationToken);
    }
}
