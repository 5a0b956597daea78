using System.Globalization;
using Alerts.Channels.Webhooks;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Channels.Chat;

/// <summary>
/// Takes on a Teams or Slack incoming webhook. These cannot answer a challenge, so the proof is a "subscribed" message
/// posted to the channel when the subscription is made: the URL must pass the SSRF guard, then the platform must accept
/// that message (2xx). Then the subscription is active at once; otherwise nothing is stored and the caller gets what
/// the platform's answer means (a webhook that was removed or disabled says so). Anyone who can post to the channel
/// sees the subscription begin, and can unsubscribe from any alert's link.
/// </summary>
public abstract partial class ChatOnboarding(WebhookTargetGuard guard, WebhookClient client, TimeProvider time, ILogger logger) : IChannelOnboarding
{
    public abstract Channel Channel { get; }

    /// <summary>The platform's name, for messages.</summary>
    protected abstract string Platform { get; }

    protected abstract byte[] Subscribed(string heading, string details);

    public Task<string?> ValidateTargetAsync(string target, CancellationToken cancellationToken) => guard.ValidateAsync(target, cancellationToken);

    public async Task<(Subscription? Subscription, string? Error)> PrepareAsync(Subscription draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = Subscribed("Alerts subscription started", Details(draft));
        var response = await client.PostAsync(draft.Target, secret: null, "subscribed_" + draft.Id, body, cancellationToken).ConfigureAwait(false);
        var answer = Read(response);
        if (answer.Kind == ChatAnswerKind.Delivered)
        {
            return (draft with { Status = SubscriptionStatus.Active, ConfirmedAt = time.GetUtcNow() }, null);
        }
        LogSubscribedMessageFailed(logger, draft.Id, Platform, answer.Reason);
        return (null, answer.Kind switch
        {
            ChatAnswerKind.Gone => $"The {Platform} incoming webhook cannot take messages. {answer.Reason} "
                + $"Check that the URL is the channel's incoming webhook URL, or make a new one in {Platform} and subscribe with it. Nothing was stored.",
            ChatAnswerKind.Rejected => $"{Platform} refused the subscription message. {answer.Reason} Nothing was stored.",
            _ => $"The {Platform} incoming webhook did not accept the subscription message: {answer.Reason}. "
                + "Check that the URL is the channel's incoming webhook URL and that it is still on, or try again later. Nothing was stored.",
        });
    }

    /// <summary>What the platform's answer means.</summary>
    protected abstract ChatAnswer Read(WebhookResponse response);

    public Task<string?> CompleteAsync(Subscription stored, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    private static string Details(Subscription s)
    {
        var cadence = s.Cadence.Kind switch
        {
            CadenceKind.Immediate => "each alert as it matches",
            CadenceKind.Hourly => "an hourly digest",
            _ => string.Create(CultureInfo.InvariantCulture, $"a daily digest at {(s.Cadence.At ?? new TimeOnly(8, 0)):HH:mm} {s.Cadence.TimeZone ?? "UTC"}"),
        };
        var watches = string.Join(", ", s.Rules.Concat(s.Queries.Select(q => $"your query \"{q}\"")));
        return $"This channel will get {cadence} for: {watches}. Subscription {s.Id}.";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed message for subscription {SubscriptionId} ({Platform}) failed: {Reason}")]
    private static partial void LogSubscribedMessageFailed(ILogger logger, string subscriptionId, string platform, string reason);
}
