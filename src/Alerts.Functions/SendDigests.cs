using Alerts.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The digest timer: sends every due digest and retries failed ones. Schedule: the DigestSchedule setting.</summary>
public sealed class SendDigests(DeliveryService delivery)
{
    [Function(nameof(SendDigests))]
    public async Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await delivery.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
