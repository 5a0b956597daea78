namespace Alerts.Subscriptions;

/// <summary>
/// The subscription store that keeps the subscription index with it: after a subscription is added, or changed in a
/// way that concerns the index (status to or from active, cadence to or from immediate, rules, queries), its index
/// rows are synced from the stored row. The subscription row is written first: a crash in between leaves rows that
/// readers check and the repair mends, never a subscription that receives what it should not.
/// </summary>
public sealed class IndexedSubscriptionStore(ISubscriptionStore inner, SubscriptionIndexing indexing) : ISubscriptionStore
{
    public async Task AddAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await inner.AddAsync(subscription, cancellationToken).ConfigureAwait(false);
        if (subscription.Status == SubscriptionStatus.Active)
        {
            await indexing.SyncAsync(subscription.Id, ct => inner.GetAsync(subscription.Id, ct), [], cancellationToken, written: subscription).ConfigureAwait(false);
        }
    }

    public Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

    public Task<Subscription?> UpdateAsync(string id, Func<Subscription, Subscription> change, CancellationToken cancellationToken) =>
        UpdateIndexedAsync(id, wrapped => inner.UpdateAsync(id, wrapped, cancellationToken), change, cancellationToken);

    public Task<Subscription?> UpdateAsync(Subscription read, Func<Subscription, Subscription> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return UpdateIndexedAsync(read.Id, wrapped => inner.UpdateAsync(read, wrapped, cancellationToken), change, cancellationToken);
    }

    private async Task<Subscription?> UpdateIndexedAsync(string id, Func<Func<Subscription, Subscription>, Task<Subscription?>> update, Func<Subscription, Subscription> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        Subscription? before = null;
        var after = await update(s =>
        {
            // The state the written change was applied to (the last one, after any conflict retries).
            before = s;
            return change(s);
        }).ConfigureAwait(false);
        if (after is not null && SubscriptionIndexing.Concerns(before, after))
        {
            var earlier = await indexing.EntriesOfAsync(before, cancellationToken).ConfigureAwait(false);
            await indexing.SyncAsync(id, ct => inner.GetAsync(id, ct), earlier, cancellationToken, written: after).ConfigureAwait(false);
        }
        return after;
    }

    public IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public IAsyncEnumerable<Subscription> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.GetManyAsync(ids, cancellationToken);

    public IAsyncEnumerable<string> ListActiveIdsAsync(CancellationToken cancellationToken) => inner.ListActiveIdsAsync(cancellationToken);
}
