using System.Net.Http.Json;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.LoadTest;

/// <summary>
/// Used only while the app has no webhook channel of its own (it is being written on another branch): POSTs the
/// digest as JSON to the subscription's URL, so the ledger, the queue and the digest run can be measured end to end.
/// Its latency is reported as the stand-in's, not the real channel's.
/// </summary>
internal sealed class StandInWebhookChannel(HttpClient http) : IDigestChannel
{
    public Channel Channel => Channel.Webhook;

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        using var response = await http.PostAsJsonAsync(new Uri(subscription.Target), digest, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? DeliveryOutcome.Sent : DeliveryOutcome.Failed($"HTTP {(int)response.StatusCode}");
    }
}

/// <summary>The system clock, moved forward on demand so a digest window closes without waiting an hour.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
