using Microsoft.Extensions.Options;

namespace Alerts.Subscriptions;

/// <summary>Confirmation and one-click unsubscribe links under the app's public address.</summary>
public sealed class SubscriptionLinks(SubscriptionTokens tokens, IOptions<SubscriptionOptions> options) : ISubscriptionLinks
{
    public async Task<Uri> ConfirmAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Link("api/confirm", await tokens.IssueAsync(SubscriptionTokens.Confirm, subscription.Id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<Uri> UnsubscribeAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return Link("api/unsubscribe", await tokens.IssueAsync(SubscriptionTokens.Unsubscribe, subscription.Id, cancellationToken).ConfigureAwait(false));
    }

    private Uri Link(string path, string token)
    {
        var baseUrl = options.Value.PublicBaseUrl.ToString();
        return new Uri($"{baseUrl.TrimEnd('/')}/{path}?token={Uri.EscapeDataString(token)}");
    }
}
