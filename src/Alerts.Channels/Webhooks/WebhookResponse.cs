namespace Alerts.Channels.Webhooks;

/// <summary>What a receiver answered (or why there was no answer).</summary>
public sealed record WebhookResponse
{
    /// <summary>The HTTP status, or null when no response came (refused target, connection failure, timeout).</summary>
    public int? StatusCode { get; init; }

    public string? ReasonPhrase { get; init; }

    /// <summary>The start of the response body (at most 64 KB), for the handshake's echo.</summary>
    public string? Body { get; init; }

    /// <summary>The receiver's <c>Retry-After</c>, as a wait from now.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Why no response came; never holds secrets.</summary>
    public string? Error { get; init; }

    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>A one-line description for the ledger and the API: "HTTP 500 Internal Server Error", or the error.</summary>
    public string Describe() => StatusCode is { } code
        ? code is >= 300 and < 400
            ? $"HTTP {code} {ReasonPhrase}: redirects are not followed".Replace("  ", " ", StringComparison.Ordinal)
            : $"HTTP {code} {ReasonPhrase}".TrimEnd()
        : Error ?? "no response";
}
