using Alerts.Delivery;

namespace Alerts.Hosting;

/// <summary>The digest timer of both hosts: every due digest, and retries of failed ones.</summary>
public sealed class DigestTimerHandler(DeliveryService delivery)
{
    public Task<DigestRunSummary> HandleAsync(CancellationToken cancellationToken) => delivery.RunAsync(cancellationToken);
}
