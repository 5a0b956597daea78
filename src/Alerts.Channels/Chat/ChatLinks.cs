using Alerts.Digests;
using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Chat;

/// <summary>The links a chat message carries: only http(s) URLs, and where "and N more" leads.</summary>
public static class ChatLinks
{
    /// <summary>The absolute URL when it is http or https; null for anything else (javascript:, data:, relative).</summary>
    public static string? Safe(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url.AbsoluteUri : null;

    /// <summary>
    /// The results API's matches of the subscription's first catalogue rule in the digest's window
    /// (<c>GET /api/rules/{id}/matches?from=&amp;to=</c>), for readers with API access; null for query-only subscriptions.
    /// </summary>
    public static Uri? More(Subscription subscription, Digest digest, IOptions<SubscriptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(options);
        if (subscription.Rules.Count == 0)
        {
            return null;
        }
        var baseUrl = options.Value.PublicBaseUrl.ToString().TrimEnd('/');
        var from = Uri.EscapeDataString(digest.WindowStart.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(digest.WindowEnd.AddSeconds(1).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return new Uri($"{baseUrl}/api/rules/{Uri.EscapeDataString(subscription.Rules[0])}/matches?from={from}&to={to}");
    }
}
