using Alerts.Channels.Webhooks;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Channels.Chat;

/// <summary>Takes on a Teams Workflows incoming webhook with a "subscribed" card (<see cref="ChatOnboarding"/>).</summary>
public sealed class TeamsOnboarding(WebhookTargetGuard guard, WebhookClient client, TimeProvider time, ILogger<TeamsOnboarding> logger)
    : ChatOnboarding(guard, client, time, logger)
{
    public override Channel Channel => Channel.Teams;

    protected override string Platform => "Teams";

    protected override byte[] Subscribed(string heading, string details) => TeamsPayload.Subscribed(heading, details);

    protected override ChatAnswer Read(WebhookResponse response) => TeamsAnswers.Read(response);
}
