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

    IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken);
}
