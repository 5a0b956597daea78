using System.Collections.Concurrent;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// A webhook transport whose answer to each digest the test sets by digest id, with an optional action that runs
/// while the digest is "on the wire" (after the sender read the subscription, before the receiver answers).
/// </summary>
internal sealed class OutcomeChannel : IDigestChannel
{
    public Channel Channel => Channel.Webhook;

    public ConcurrentDictionary<string, DeliveryOutcome> Outcomes { get; } = new();

    public ConcurrentDictionary<string, Func<Task>> WhileSending { get; } = new();

    public TimeSpan SendDelay { get; set; }

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        if (SendDelay > TimeSpan.Zero)
        {
            await Task.Delay(SendDelay, cancellationToken);
        }
        if (WhileSending.TryRemove(digest.Id, out var during))
        {
            await during();
        }
        return Outcomes.TryGetValue(digest.Id, out var outcome) ? outcome : DeliveryOutcome.Sent;
    }

    /// <summary>A stored digest for <paramref name="subscription"/> that, when sent, gets <paramref name="outcome"/>.</summary>
    public async Task<string> AddDigestAsync(IDeliveryLedger ledger, Subscription subscription, DeliveryOutcome outcome, DateTimeOffset now)
    {
        var digest = new Digest
        {
            Id = "im_" + Guid.NewGuid().ToString("N"),
            SubscriptionId = subscription.Id,
            Kind = DigestKind.Immediate,
            WindowStart = now,
            WindowEnd = now,
            CreatedAt = now,
            Articles = [],
        };
        Outcomes[digest.Id] = outcome;
        Assert.True(await ledger.TryAddAsync(digest, CancellationToken.None));
        return digest.Id;
    }
}
