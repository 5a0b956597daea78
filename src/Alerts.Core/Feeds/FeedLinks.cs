using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Feeds;

/// <summary>
/// A feed subscription's address: <c>/api/feeds/{id}?token=…</c> under the app's public address, the token signed
/// for the purpose <see cref="SubscriptionTokens.Feed"/> and that one subscription. It never expires; unsubscribing
/// revokes every address issued for the subscription.
/// </summary>
public sealed class FeedLinks(SubscriptionTokens tokens, IOptions<SubscriptionOptions> options)
{
    public async Task<Uri> IssueAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Of(subscriptionId, await tokens.IssueAsync(SubscriptionTokens.Feed, subscriptionId, cancellationToken).ConfigureAwait(false));

    /// <summary>Whether the token is genuine, signed for a feed, and names <paramref name="subscriptionId"/> (not another subscription).</summary>
    public async Task<bool> IsValidAsync(string subscriptionId, string? token, CancellationToken cancellationToken) =>
        await tokens.ValidateAsync(token, SubscriptionTokens.Feed, maxAge: null, cancellationToken).ConfigureAwait(false) is { } id
        && string.Equals(id, subscriptionId, StringComparison.Ordinal);

    public Uri Of(string subscriptionId, string token) =>
        new($"{options.Value.PublicBaseUrl.ToString().TrimEnd('/')}/api/feeds/{Uri.EscapeDataString(subscriptionId)}?token={Uri.EscapeDataString(token)}");
}
