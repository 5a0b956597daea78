using Alerts.Digests;

namespace Alerts.Delivery;

/// <summary>
/// The record of every digest and its delivery. Rows are written conditionally (ETags), so two runs can never both
/// claim the same digest, and a digest's content is kept so every retry sends exactly the same thing.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Stores the digest and its pending row, unless a row with that digest id exists; returns false then.</summary>
    Task<bool> TryAddAsync(Digest digest, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the digest and its pending row, unless a row with that digest id exists; returns the new row (with its
    /// ETag, ready to claim), or null then. A digest's stored content is never replaced once its row exists.
    /// </summary>
    Task<DeliveryRecord?> AddAsync(Digest digest, CancellationToken cancellationToken);

    Task<DeliveryRecord?> GetAsync(string subscriptionId, string digestId, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="record"/> if the row still has <see cref="DeliveryRecord.ETag"/>; returns the new version, or null if someone wrote first.</summary>
    Task<DeliveryRecord?> TryReplaceAsync(DeliveryRecord record, CancellationToken cancellationToken);

    Task<Digest?> GetDigestAsync(string subscriptionId, string digestId, CancellationToken cancellationToken);

    /// <summary>The subscription's rows not yet sent or given up (pending, or claimed by a sender), newest window first.</summary>
    IAsyncEnumerable<DeliveryRecord> ListOutstandingAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>
    /// In one read of the subscription's rows: the outstanding ones (as <see cref="ListOutstandingAsync"/>) and the
    /// newest sent scheduled digest whose window ends after <paramref name="sentAfter"/> (any, when null).
    /// </summary>
    Task<OpenDeliveries> ReadOpenAsync(string subscriptionId, DateTimeOffset? sentAfter, CancellationToken cancellationToken);

    /// <summary>The subscription's newest scheduled digest that was sent, if any.</summary>
    Task<DeliveryRecord?> GetLatestSentScheduledAsync(string subscriptionId, CancellationToken cancellationToken);

    /// <summary>Every row in <paramref name="state"/>, across subscriptions (for <c>alerts deliveries</c>).</summary>
    IAsyncEnumerable<DeliveryRecord> ListByStateAsync(DeliveryState? state, CancellationToken cancellationToken);
}
