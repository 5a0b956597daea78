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
        Reason = $"{platform} answered {Status(response)}{(code is null ? "" : " " + code)}: {meaning}.",
    };

    /// <summary>A failed attempt worth retrying, described by its status alone ("HTTP 429 Too Many Requests").</summary>
    public static ChatAnswer Retry(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new() { Kind = ChatAnswerKind.Retry, Reason = Describe(response), RetryAfter = response.RetryAfter };
    }

    /// <summary>
    /// Like <see cref="WebhookResponse.Describe"/>, but with the standard phrase for the status instead of the one the
    /// receiver sent, so a receiver cannot write into the recorded reason.
    /// </summary>
    public static string Describe(WebhookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode is { } code
            ? code is >= 300 and < 400 ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}: redirects are not followed" : Status(response)
            : response.Error ?? "no response";
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

    private static string Status(WebhookResponse response)
    {
        var code = response.StatusCode ?? 0;
        var phrase = Phrase(code);
        return phrase.Length == 0 ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}" : $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {phrase}";
    }

    /// <summary>"Too Many Requests" for 429: the status's name in words; empty for a status .NET does not name.</summary>
    private static string Phrase(int code)
    {
        if (code is < 100 or > 599 || !Enum.IsDefined((HttpStatusCode)code))
        {
            return "";
        }
        var name = ((HttpStatusCode)code).ToString();
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }
            words.Append(c);
        }
        return words.ToString();
    }
}
