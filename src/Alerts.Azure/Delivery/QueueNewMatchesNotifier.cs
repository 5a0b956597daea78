using System.Text.Json;
using Alerts.Analysis;
using Alerts.Storage;
using Alerts.Telemetry;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>immediate-deliveries</c> storage queue, read by the queue-triggered immediate delivery function.</summary>
public sealed class QueueNewMatchesNotifier(QueueServiceClient queues) : INewMatchesNotifier
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.ImmediateQueue);
    private readonly StorageInitializer _init = new(queues.GetQueueClient(StorageNames.ImmediateQueue));

    public async Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken)
    {
        // The message carries this span's context, so its consumer continues the same trace.
        using var activity = AlertsTelemetry.StartSending(StorageNames.ImmediateQueue);
        var body = JsonSerializer.Serialize(message with { TraceParent = TraceParent.Current() }, AlertsJson.Options);
        var sent = await _init.RunAsync(ct => _queue.SendMessageAsync(body, ct), cancellationToken).ConfigureAwait(false);
        activity?.SetTag("messaging.message.id", sent.Value.MessageId);
    }
}
