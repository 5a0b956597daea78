using Alerts.Delivery;
using Alerts.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Immediate alerts: one queue message per newly matched article, sent to immediate subscribers.</summary>
public sealed class DeliverImmediate(DeliveryService delivery)
{
    [Function(nameof(DeliverImmediate))]
    public async Task RunAsync([QueueTrigger(StorageNames.ImmediateQueue, Connection = StorageNames.Connection)] NewMatchesMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await delivery.DeliverImmediateAsync(message.ArticleId, message.Rules, cancellationToken).ConfigureAwait(false);
    }
}
