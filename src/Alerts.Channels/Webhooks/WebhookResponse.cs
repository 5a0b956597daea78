using System.Globalization;
using System.Net;
using System.Text;

namespace Alerts.Channels.Webhooks;

/// <summary>What a receiver answered (or why there was no answer).</summary>
public sealed record WebhookResponse
{
    /// <summary>The HTTP status, or null when no response came (refused target, connection failure, timeout).</summary>
    public int? StatusCode { get; init; }

    /// <summary>The start of the response body (at most 64 KB), for the handshake's echo.</summary>
    public string? Body { get; init; }

    /// <summary>The receiver's <c>Retry-After</c>, as a wait from now.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Why no response came; never holds secrets.</summary>
    public string? Error { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>
    /// A one-line description for the ledger and the API: "HTTP 500 Internal Server Error", or the error. The phrase is
    /// the status's standard name, never the receiver's own reason phrase, so a receiver cannot write into the record.
    /// </summary>
    public string Describe() => StatusCode is { } code
        ? code is >= 300 and < 400 ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}: redirects are not followed" : StatusLine
        : Error ?? "no response";

    /// <summary>"HTTP 429 Too Many Requests": the status and its standard name ("HTTP 599" for one .NET does not name).</summary>
    public string StatusLine
    {
        get
        {
            var code = StatusCode ?? 0;
            var phrase = Phrase(code);
            return phrase.Length == 0 ? $"HTTP {code.ToString(CultureInfo.InvariantCulture)}" : $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {phrase}";
        }
    }

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
