using Alerts.Channels.Webhooks;

namespace Alerts.Channels.Chat;

/// <summary>
/// What a Slack incoming webhook's answer means. Slack answers an error with an HTTP status and a short plain-text
/// code as the whole body ("Handling errors" on Slack's incoming webhooks page; api.slack.com/changelog/
/// 2016-05-17-changes-to-errors-for-incoming-webhooks): the codes for a webhook, channel or workspace that is gone or
/// shut off pause the subscription, as does any 404 or 410; any other 400 or 413 is a message Slack refused as
/// malformed, which is not retried; 429, 5xx and the rest are retried.
/// </summary>
public static class SlackAnswers
{
    public const string Platform = "Slack";

    private static readonly ChatErrors Errors = new()
    {
        Platform = Platform,
        CodeOf = ChatAnswer.ErrorCodeOf,
        GoneCodes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["no_service"] = "the incoming webhook was not found: it was removed or disabled, or the URL is wrong",
            ["no_service_id"] = "the incoming webhook was not found: the URL is incomplete or wrong",
            ["no_active_hooks"] = "the incoming webhook is disabled",
            ["no_team"] = "the Slack workspace was not found",
            ["team_disabled"] = "the Slack workspace is disabled",
            ["invalid_token"] = "the incoming webhook's token is no longer valid",
            ["channel_not_found"] = "the channel was not found",
            ["channel_is_archived"] = "the channel is archived",
            ["action_prohibited"] = "the workspace does not let this webhook post here",
            ["posting_to_general_channel_denied"] = "an admin restricted posting to this channel",
        },
        NotFound = "the incoming webhook URL was not found",
        Gone = "the incoming webhook is gone",
        Rejected = "Slack refused the message as malformed; it is not retried",
    };

    public static ChatAnswer Read(WebhookResponse response) => Errors.Read(response);
}
