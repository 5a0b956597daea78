using System.Text.Json;
using Alerts.Storage;
using Alerts.Telemetry;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>digest-batches</c> storage queue, read by the queue-triggered digest batch function.</summary>
public sealed class QueueDigestBatchSender(QueueServiceClient queues) : IDigestBatchSender
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.DigestBatchQueue);
    private readonly StorageInitializer _init = new(queues.GetQueueClient(StorageNames.DigestBatchQueue));

    public async Task EnqueueAsync(DigestBatch batch, CancellationToken cancellationToken)
    {
        // The message carries this span's context, so its consumer continues the same trace.
        using var activity = AlertsTelemetry.StartSending(StorageNames.DigestBatchQueue);
        var body = JsonSerializer.Serialize(batch with { TraceParent = TraceParent.Current() }, AlertsJson.Options);
        var sent = await _init.RunAsync(ct => _queue.SendMessageAsync(body, ct), cancellationToken).ConfigureAwait(false);
        activity?.SetTag("messaging.message.id", sent.Value.MessageId);
    }
}
