using Alerts.Subscriptions;

namespace Alerts.Channels.Feeds;

/// <summary>
/// Takes on a feed: there is no address to check or prove, so it is active at once. Its signed URL, which the
/// creating answer carries, is the only way to read it.
/// </summary>
public sealed class FeedOnboarding : IChannelOnboarding
{
    public Channel Channel => Channel.Feed;

    public Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrEmpty(target) ? null : "a feed has no target; leave it out.");

    public Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Task.FromResult<(Subscription?, string?)>((draft with { Target = "", Status = SubscriptionStatus.Active, ConfirmedAt = draft.CreatedAt }, null));
    }

    public Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
