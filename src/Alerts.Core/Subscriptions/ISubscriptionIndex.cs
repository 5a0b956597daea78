namespace Alerts.Subscriptions;

/// <summary>
/// Subscriptions by the rules they watch, so a newly matched article reads only its rules' subscribers instead of
/// every subscription. Derived from the subscriptions (<see cref="SubscriptionIndexing"/>): writes are idempotent,
/// and a row may briefly be stale, so readers check the subscription itself before sending.
/// </summary>
public interface ISubscriptionIndex
{
    Task AddAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes the rows; rows already gone are not an error.</summary>
    Task RemoveAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken);

    /// <summary>The rows of one rule, the immediate or the scheduled ones.</summary>
    IAsyncEnumerable<SubscriptionIndexEntry> ListAsync(string ruleId, bool immediate, CancellationToken cancellationToken);

    /// <summary>Every row, for the repair.</summary>
    IAsyncEnumerable<SubscriptionIndexEntry> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>True once a full repair has run here: until then the index may miss subscriptions stored before it existed.</summary>
    Task<bool> IsCompleteAsync(CancellationToken cancellationToken);

    Task MarkCompleteAsync(CancellationToken cancellationToken);
}
