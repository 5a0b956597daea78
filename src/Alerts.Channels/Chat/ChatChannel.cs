using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Chat;

/// <summary>
/// Delivers digests to a chat platform's incoming webhook through the webhook client (the same SSRF guard on every
/// connection, no redirects, the same timeout), unsigned: the URL itself is the platform's credential. Each platform
/// reads its own answers (<see cref="SlackAnswers"/>, <see cref="TeamsAnswers"/>): 2xx is delivered; a webhook,
/// channel or workspace that is gone or shut off pauses the subscription; a message refused as malformed fails without
/// retries; anything else (429 and 5xx included) is retried by the delivery service, no earlier than the receiver's
/// <c>Retry-After</c>.
/// </summary>
public abstract class ChatChannel(WebhookClient client, ISubscriptionLinks links, IOptions<SubscriptionOptions> options) : IDigestChannel
{
    public abstract Channel Channel { get; }

    /// <summary>The platform's message for <paramref name="digest"/>, as UTF-8 JSON.</summary>
    protected abstract byte[] Build(ChatDigest digest);

    /// <summary>What the platform's answer means.</summary>
    protected abstract ChatAnswer Read(WebhookResponse response);

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(digest);
        var unsubscribe = await links.UnsubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        var body = Build(ChatDigest.From(digest, ChatLinks.More(subscription, digest, options), unsubscribe));
        var response = await client.PostAsync(subscription.Target, secret: null, digest.Id, body, cancellationToken).ConfigureAwait(false);
        return Read(response).ToOutcome();
    }
}
