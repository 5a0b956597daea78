using Alerts.Delivery;
using Alerts.Subscriptions;

namespace Alerts.Channels.Email;

/// <summary>
/// Double opt-in: an email subscription is stored <c>pending</c> and a confirmation email carries the signed link
/// that makes it active. Nothing else is sent to the address until that link is followed.
/// </summary>
public sealed class EmailOnboarding(EmailTemplates templates, ISubscriptionLinks links, IEmailSender sender) : IChannelOnboarding
{
    public Channel Channel => Channel.Email;

    public Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken) => Task.FromResult(EmailAddresses.Validate(target));

    public Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Task.FromResult<(Subscription?, string?)>((draft with { Status = SubscriptionStatus.Pending, SigningSecret = null }, null));
    }

    public async Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken)
    {
        var link = await links.ConfirmAsync(stored, cancellationToken).ConfigureAwait(false);
        var message = await templates.RenderConfirmationAsync(stored, link).ConfigureAwait(false);
        var outcome = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return outcome.Result == DeliveryResult.Sent
            ? null
            : "The subscription is pending, but the confirmation email could not be sent; create the subscription again later.";
    }
}
