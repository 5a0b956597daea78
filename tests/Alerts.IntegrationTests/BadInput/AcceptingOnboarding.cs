using Alerts.Subscriptions;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// A channel that accepts every target and leaves the subscription pending, as email does until the confirmation
/// link is followed. The real channels (and their SSRF and address checks) are tested with the channels.
/// </summary>
internal sealed class AcceptingOnboarding(Channel channel) : IChannelOnboarding
{
    public Channel Channel => channel;

    public Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken) =>
        Task.FromResult<(Subscription?, string?)>((draft, null));

    public Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
