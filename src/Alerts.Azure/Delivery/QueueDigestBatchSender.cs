using System.Text.Json;
using Alerts.Storage;
using Alerts.Telemetry;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>The <c>digest-batches</c> storage queue, read by the queue-triggered digest batch function.</summary>
public sealed class QueueDigestBatchSender(QueueServiceClient queues) : IDigestBatchSender
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageNames.DigestBatchQueue);
    private Task? _created;

    public async Task EnqueueAsync(DigestBatch batch, CancellationToken cancellationToken)
    {
        var created = Volatile.Read(ref _created);
        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            created = _queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            Volatile.Write(ref _created, created);
        }
        await created.WaitAsync(cancellationToken).ConfigureAwait(false);
        // The message carries this span's context, so its consumer continues the same trace.
        using var activity = AlertsTelemetry.StartSending(StorageNames.DigestBatchQueue);
        var sent = await _queue.SendMessageAsync(JsonSerializer.Serialize(batch with { TraceParent = TraceParent.Current() }, AlertsJson.Options), cancellationToken).ConfigureAwait(false);
        activity?.SetTag("messaging.message.id", sent.Value.MessageId);
    }
}
