using Alerts.Hosting;
using Alerts.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Immediate alerts: one queue message per newly matched article, sent to immediate subscribers.</summary>
public sealed class DeliverImmediate(ImmediateQueueHandler handler)
{
    // The raw message, decoded by the shared decoder, so a malformed one fails the same way here and in the local
    // host: retried up to host.json's maxDequeueCount, then moved to immediate-deliveries-poison.
    [Function(nameof(DeliverImmediate))]
    public async Task RunAsync([QueueTrigger(StorageNames.ImmediateQueue, Connection = StorageNames.Connection)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await handler.HandleAsync(message.Body.ToString(), message.MessageId, message.DequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
