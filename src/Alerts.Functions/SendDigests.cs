using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The digest timer: queues the active subscriptions in batches for DeliverDigestBatch. Schedule: the DigestSchedule setting.</summary>
public sealed class SendDigests(DigestTimerHandler handler)
{
    [Function(nameof(SendDigests))]
    public async Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await handler.HandleAsync(cancellationToken).ConfigureAwait(false);
    }
}
