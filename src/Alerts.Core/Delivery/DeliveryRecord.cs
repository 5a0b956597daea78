using Alerts.Digests;

namespace Alerts.Delivery;

/// <summary>A row of the delivery ledger: one digest for one subscription.</summary>
public sealed record DeliveryRecord
{
    public required string SubscriptionId { get; init; }
    public required string DigestId { get; init; }
    public required DigestKind Kind { get; init; }
    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required DeliveryState State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? ClaimedUntil { get; init; }
    public string? LastError { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public int ArticleCount { get; init; }

    /// <summary>The ledger's version of the row, for conditional writes; set by the ledger.</summary>
    public string? ETag { get; init; }

    /// <summary>True when a run may (re)send it now: pending and due, or claimed by a run whose claim has expired.</summary>
    public bool IsDue(DateTimeOffset now) =>
        (State == DeliveryState.Pending && (NextAttemptAt is null || NextAttemptAt <= now))
        || (State == DeliveryState.Sending && ClaimedUntil is { } until && until <= now);
}
