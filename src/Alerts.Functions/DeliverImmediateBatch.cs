using Alerts.Hosting;
using Alerts.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Sends one batch of an article's immediate subscribers; the Functions host runs as many at once as the backlog asks for.</summary>
public sealed class DeliverImmediateBatch(ImmediateBatchHandler handler)
{
    [Function(nameof(DeliverImmediateBatch))]
    public async Task RunAsync([QueueTrigger(StorageNames.ImmediateBatchQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await handler.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
