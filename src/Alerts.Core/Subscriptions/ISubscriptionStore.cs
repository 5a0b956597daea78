namespace Alerts.Subscriptions;

/// <summary>Where subscriptions are kept. Updates are optimistic: concurrent writers never overwrite each other.</summary>
public interface ISubscriptionStore
{
    Task AddAsync(Subscription subscription, CancellationToken cancellationToken);

    Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored subscription and writes it back only if nobody wrote in between;
    /// on a conflict the change is applied again to the fresh copy. Returns the stored result, or null if there is no such subscription.
    /// <paramref name="change"/> may return its input to leave the subscription as it is. An unsubscribed subscription
    /// keeps that status: a change that would give it another is not written, and the unsubscribed one is returned.
    /// </summary>
    /// <exception cref="SubscriptionConflictException">Other writers kept winning; nothing was written.</exception>
    Task<Subscription?> UpdateAsync(string id, Func<Subscription, Subscription> change, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="UpdateAsync(string, Func{Subscription, Subscription}, CancellationToken)"/>, but the first try applies
    /// <paramref name="change"/> to <paramref name="read"/>, a copy this store returned (with its <see cref="Subscription.ETag"/>),
    /// and writes it only if the row is still that version; on a conflict it reads the row again and retries. A row
    /// nobody wrote since <paramref name="read"/> costs one write and no read.
    /// </summary>
    Task<Subscription?> UpdateAsync(Subscription read, Func<Subscription, Subscription> change, CancellationToken cancellationToken) =>
        UpdateAsync((read ?? throw new ArgumentNullException(nameof(read))).Id, change, cancellationToken);

    IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The stored subscriptions among <paramref name="ids"/>, in any order; ids with none are left out. A store that
    /// can read neighbouring ids together does so (a digest batch holds ids listed in order).
    /// </summary>
    async IAsyncEnumerable<Subscription> GetManyAsync(IReadOnlyCollection<string> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            if (await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } subscription)
            {
                yield return subscription;
            }
        }
    }

    /// <summary>
    /// The ids of the active subscriptions that are sent to (not feeds, which their readers fetch), in id order; a store
    /// that can reads only the ids.
    /// </summary>
    async IAsyncEnumerable<string> ListActiveIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var subscription in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (subscription.Status == SubscriptionStatus.Active && subscription.Channel.IsPushed())
            {
                yield return subscription.Id;
            }
        }
    }
}
