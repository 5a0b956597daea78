namespace Alerts.Subscriptions;

/// <summary>
/// A subscription's target as it may be shown. A Teams or Slack incoming-webhook URL is itself the credential that
/// posts to the channel, so only its scheme and host are shown; email addresses and webhook URLs are shown whole.
/// </summary>
public static class SubscriptionTargets
{
    public static bool IsSecret(Channel channel) => channel is Channel.Teams or Channel.Slack;

    public static string Shown(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return IsSecret(subscription.Channel) ? Mask(subscription.Target) : subscription.Target;
    }

    /// <summary><c>https://hooks.slack.com/…</c>: the scheme and host, never the path or query that hold the token.</summary>
    public static string Mask(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? $"{uri.Scheme}://{uri.Authority}/…"
            : "…";
}
