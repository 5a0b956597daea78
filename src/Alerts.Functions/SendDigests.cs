using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The digest timer: sends every due digest and retries failed ones. Schedule: the DigestSchedule setting.</summary>
public sealed class SendDigests(DigestTimerHandler handler)
{
    [Function(nameof(SendDigests))]
    public async Task RunAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await handler.HandleAsync(cancellationToken).ConfigureAwait(false);
    }
}
