namespace Alerts.Subscriptions;

/// <summary>
/// How a channel takes on a new subscriber: checks the target, then proves it (a confirmation email for
/// double opt-in, a validation handshake for a webhook).
/// </summary>
public interface IChannelOnboarding
{
    Channel Channel { get; }

    /// <summary>Null when <paramref name="target"/> is acceptable; otherwise why not, for the subscriber.</summary>
    Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// Before the subscription is stored: returns it as it should be stored (a webhook gets its signing secret and,
    /// once the handshake succeeds, becomes active), or an error that stops the subscription.
    /// </summary>
    Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken);

    /// <summary>After the subscription is stored (an email gets its confirmation link). Returns an error to report, or null.</summary>
    Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken);
}
