using Alerts.Channels.Webhooks;

namespace Alerts.Channels.Chat;

/// <summary>
/// How one chat platform answers errors: where its error code is in the body, the codes that mean the webhook is gone,
/// and the words for a 404, a 410 and a refused message. <see cref="Read"/> is the one reading both platforms share.
/// </summary>
public sealed class ChatErrors
{
    public required string Platform { get; init; }

    /// <summary>The platform's error code in a body, when it gave one that looks like a code; null otherwise.</summary>
    public required Func<string?, string?> CodeOf { get; init; }

    /// <summary>Codes that mean the webhook, channel or workflow is gone (with any 4xx but 429), and what each means.</summary>
    public required IReadOnlyDictionary<string, string> GoneCodes { get; init; }

    public required string NotFound { get; init; }
    public required string Gone { get; init; }
    public required string Rejected { get; init; }

    /// <summary>
    /// Delivered on 2xx; gone on a gone code, 404 or 410; rejected (not retried) on any other 400 or 413; a retry for
    /// 429, 5xx and the rest. A gone code with a 5xx is still a retry: the platform may be failing, not the webhook.
    /// </summary>
    public ChatAnswer Read(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccess)
        {
            return ChatAnswer.Delivered;
        }
        var code = CodeOf(response.Body);
        return response.StatusCode switch
        {
            >= 400 and < 500 and not 429 when code is not null && GoneCodes.TryGetValue(code, out var meaning) =>
                ChatAnswer.Of(ChatAnswerKind.Gone, Platform, response, code, meaning),
            404 => ChatAnswer.Of(ChatAnswerKind.Gone, Platform, response, code, NotFound),
            410 => ChatAnswer.Of(ChatAnswerKind.Gone, Platform, response, code, Gone),
            400 or 413 => ChatAnswer.Of(ChatAnswerKind.Rejected, Platform, response, code, Rejected),
            _ => ChatAnswer.Retry(response),
        };
    }
}
