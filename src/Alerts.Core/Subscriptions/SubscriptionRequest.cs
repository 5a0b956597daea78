namespace Alerts.Subscriptions;

/// <summary>The body of <c>POST /api/subscriptions</c> and <c>PATCH /api/subscriptions/{id}</c> (PATCH: every field optional).</summary>
public sealed record SubscriptionRequest
{
    /// <summary><c>email</c> or <c>webhook</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>An email address, or the HTTPS URL of a webhook.</summary>
    public string? Target { get; init; }

    public IReadOnlyList<string>? Rules { get; init; }

    public IReadOnlyList<string>? Queries { get; init; }

    /// <summary><c>immediate</c>, <c>hourly</c> or <c>daily</c>.</summary>
    public string? Cadence { get; init; }

    /// <summary>Daily digests: local time, <c>HH:mm</c> (default 08:00).</summary>
    public string? At { get; init; }

    /// <summary>Daily digests: IANA time zone, e.g. <c>Europe/Kyiv</c> (default UTC).</summary>
    public string? TimeZone { get; init; }

    /// <summary>PATCH only: <c>active</c> or <c>paused</c>.</summary>
    public string? Status { get; init; }
}
