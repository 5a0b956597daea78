using Alerts.Hosting;
using Alerts.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Builds and sends one batch of digests; the Functions host runs as many at once as the queue backlog asks for.</summary>
public sealed class DeliverDigestBatch(DigestBatchHandler handler)
{
    [Function(nameof(DeliverDigestBatch))]
    public async Task RunAsync([QueueTrigger(StorageNames.DigestBatchQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await handler.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
