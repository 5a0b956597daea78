using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.Delivery;

/// <summary>Sends a digest over one channel (email or webhook).</summary>
public interface IDigestChannel
{
    Channel Channel { get; }

    /// <summary>Sends <paramref name="digest"/> to the subscriber. Failures are reported, not thrown, except cancellation.</summary>
    Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken);
}
