using Alerts.Channels.Webhooks;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Channels.Chat;

/// <summary>Takes on a Slack incoming webhook with a "subscribed" message (<see cref="ChatOnboarding"/>).</summary>
public sealed class SlackOnboarding(WebhookTargetGuard guard, WebhookClient client, TimeProvider time, ILogger<SlackOnboarding> logger)
    : ChatOnboarding(guard, client, time, logger)
{
    public override Channel Channel => Channel.Slack;

    protected override string Platform => "Slack";

    protected override byte[] Subscribed(string heading, string details) => SlackPayload.Subscribed(heading, details);

    protected override ChatAnswer Read(WebhookResponse response) => SlackAnswers.Read(response);
}
