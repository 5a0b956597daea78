using Alerts.Hosting;
using Alerts.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Immediate alerts: one queue message per newly matched article, sent to immediate subscribers.</summary>
public sealed class DeliverImmediate(ImmediateQueueHandler handler)
{
    // The body is bound as text and decoded by the shared decoder, so a malformed message fails the same way here
    // and in the local host: retried up to host.json's maxDequeueCount, then moved to immediate-deliveries-poison.
    [Function(nameof(DeliverImmediate))]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ImmediateQueue, Connection = StorageNames.Connection)] string message,
        string id,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await handler.HandleAsync(message, id, dequeueCount, cancellationToken).ConfigureAwait(false);
}
