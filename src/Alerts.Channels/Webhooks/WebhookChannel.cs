using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.Channels.Webhooks;

/// <summary>
/// Delivers digests as signed JSON POSTs (Standard Webhooks). 2xx is delivered; 410 Gone pauses the subscription;
/// anything else is retried by the delivery service, no earlier than the receiver's <c>Retry-After</c>.
/// </summary>
public sealed class WebhookChannel(WebhookClient client) : IDigestChannel
{
    public Channel Channel => Channel.Webhook;

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(digest);
        if (subscription.SigningSecret is not { Length: > 0 } secret)
        {
            return DeliveryOutcome.Failed("The subscription has no signing secret.");
        }
        var response = await client.PostAsync(subscription.Target, secret, digest.Id, WebhookPayload.From(digest).ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        return response switch
        {
            { IsSuccess: true } => DeliveryOutcome.Sent,
            { StatusCode: 410 } => DeliveryOutcome.Gone(response.Describe()),
            _ => DeliveryOutcome.Failed(response.Describe(), response.RetryAfter),
        };
    }
}
