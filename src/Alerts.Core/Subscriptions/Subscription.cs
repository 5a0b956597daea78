namespace Alerts.Subscriptions;

/// <summary>A person's or a system's standing request for alerts, stored in the <c>subscriptions</c> table.</summary>
public sealed record Subscription
{
    /// <summary>"s" and 20 lower-case base32 characters: unguessable, and usable inside rule ids.</summary>
    public required string Id { get; init; }

    public required Channel Channel { get; init; }

    /// <summary>An email address, or an HTTPS URL for a webhook.</summary>
    public required string Target { get; init; }

    /// <summary>Ids of catalogue rules watched.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>The subscriber's own queries, in the rules' query syntax.</summary>
    public IReadOnlyList<string> Queries { get; init; } = [];

    public required Cadence Cadence { get; init; }

    public required SubscriptionStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>The webhook signing secret (<c>whsec_…</c>). Returned once at creation, never again.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>End of the last scheduled window delivered: matches after it are new to this subscriber.</summary>
    public DateTimeOffset? DeliveredUntil { get; init; }

    /// <summary>The last delivery error, for people looking at a failing subscription.</summary>
    public string? LastError { get; init; }

    /// <summary>The store's version of the row this copy was read from, for a conditional write; set by the store.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ETag { get; init; }
}
