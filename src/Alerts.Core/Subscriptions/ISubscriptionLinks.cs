namespace Alerts.Subscriptions;

/// <summary>The signed links a subscriber follows: confirm an email subscription, unsubscribe with one click.</summary>
public interface ISubscriptionLinks
{
    Task<Uri> ConfirmAsync(Subscription subscription, CancellationToken cancellationToken);

    Task<Uri> UnsubscribeAsync(Subscription subscription, CancellationToken cancellationToken);
}
