using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Subscriptions;

namespace Alerts.Channels.Email;

/// <summary>
/// Delivers digests by email: HTML and plain-text parts from the templates, a one-click unsubscribe link in the body
/// and in <c>List-Unsubscribe</c> (RFC 8058), sent by the configured <see cref="IEmailSender"/>.
/// </summary>
public sealed class EmailChannel(EmailTemplates templates, ISubscriptionLinks links, IEmailSender sender) : IDigestChannel
{
    public Channel Channel => Channel.Email;

    public async Task<DeliveryOutcome> SendAsync(Subscription subscription, Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var unsubscribe = await links.UnsubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
        var message = await templates.RenderDigestAsync(subscription, digest, unsubscribe).ConfigureAwait(false);
        return await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
