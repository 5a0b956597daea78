using Alerts.Channels.Webhooks;
using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Channels.Chat;

/// <summary>Delivers digests to a Slack channel as Block Kit blocks, through a Slack app's incoming webhook.</summary>
public sealed class SlackChannel(WebhookClient client, ISubscriptionLinks links, IOptions<SubscriptionOptions> options)
    : ChatChannel(client, links, options)
{
    public override Channel Channel => Channel.Slack;

    protected override byte[] Build(ChatDigest digest) => SlackPayload.Build(digest);

    protected override ChatAnswer Read(WebhookResponse response) => SlackAnswers.Read(response);
}
