using System.Globalization;
using System.Net;
using System.Text;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;

namespace Alerts.Channels.Chat;

/// <summary>
/// What a chat platform's answer to a post means for the subscription, and the reason recorded for it. The reason is
/// built from the status code and at most the platform's short error code (<see cref="ErrorCode"/>): never the URL,
/// the server's reason phrase or the rest of the body, which a hostile receiver could fill with anything.
/// </summary>
public sealed record ChatAnswer
{
    /// <summary>The longest error code taken from a body; platforms' codes are far shorter.</summary>
    public const int MaxCodeChars = 64;

    public required ChatAnswerKind Kind { get; init; }

    /// <summary>For the ledger, the subscription and the log; empty when delivered.</summary>
    public required string Reason { get; init; }

    /// <summary>The platform's error code from the body, when it gave one that looks like a code.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The receiver's <c>Retry-After</c>, for a retry.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ChatAnswer Delivered { get; } = new() { Kind = ChatAnswerKind.Delivered, Reason = "" };

    public DeliveryOutcome ToOutcome() => Kind switch
    {
        ChatAnswerKind.Delivered => DeliveryOutcome.Sent,
        ChatAnswerKind.Gone => DeliveryOutcome.Gone(Reason),
        ChatAnswerKind.Rejected => DeliveryOutcome.Rejected(Reason),
        _ => DeliveryOutcome.Failed(Reason, RetryAfter),
    };

    /// <summary>"Slack answered HTTP 404 no_service: the incoming webhook was not found…", or without the code.</summary>
    public static ChatAnswer Of(ChatAnswerKind kind, string platform, WebhookResponse response, string? code, string meaning) => new()
    {
        Kind = kind,
        ErrorCode = code,
        Reason = $"{platform} answered {response.StatusLine}{(code is null ? "" : " " + code)}: {meaning}.",
    };

    /// <summary>A failed attempt worth retrying, described by its status alone ("HTTP 429 Too Many Requests").</summary>
    public static ChatAnswer Retry(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new() { Kind = ChatAnswerKind.Retry, Reason = response.Describe(), RetryAfter = response.RetryAfter };
    }

    /// <summary>
    /// <paramref name="candidate"/> when it looks like a platform error code (letters, digits, <c>_</c> and <c>.</c>,
    /// at most <see cref="MaxCodeChars"/>); null for anything else: markup, sentences, line breaks, long text.
    /// </summary>
    public static string? ErrorCodeOf(string? candidate)
    {
        var code = candidate?.Trim();
        if (string.IsNullOrEmpty(code) || code.Length > MaxCodeChars)
        {
            return null;
        }
        foreach (var c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return null;
            }
        }
        return code;
    }
}
