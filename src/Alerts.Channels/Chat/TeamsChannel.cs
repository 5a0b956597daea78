using Alerts.Channels.Webhooks;
using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Chat;

/// <summary>Delivers digests to a Teams channel or chat as an Adaptive Card, through a Workflows incoming webhook.</summary>
public sealed class TeamsChannel(WebhookClient client, ISubscriptionLinks links, IOptions<SubscriptionOptions> options)
    : ChatChannel(client, links, options)
{
    public override Channel Channel => Channel.Teams;

    protected override byte[] Build(ChatDigest digest) => TeamsPayload.Build(digest);

    protected override ChatAnswer Read(WebhookResponse response) => TeamsAnswers.Read(response);
}
