using Microsoft.Extensions.Logging;

namespace Alerts.Subscriptions;

/// <summary>
/// Keeps the subscription index in line with the subscriptions. The rows a subscription should have follow from its
/// stored row alone (<see cref="EntriesOfAsync"/>): one per watched rule and own query, for an active subscription only.
/// Every write is an upsert or a delete, so syncing twice, or two writers syncing at once, cannot leave a wrong row
/// for long: a writer re-reads the subscription after writing and syncs again if it changed underneath, and
/// <see cref="RepairAsync"/> mends whatever a crash between the two writes left.
/// </summary>
public sealed partial class SubscriptionIndexing(ISubscriptionIndex index, QueryRuleIds queryRuleIds, ILogger<SubscriptionIndexing> logger)
{
    private const int MaxSyncRounds = 5;

    /// <summary>The rows <paramref name="subscription"/> should have: none unless it is active, and none for a feed (nothing is pushed to it).</summary>
    public async Task<HashSet<SubscriptionIndexEntry>> EntriesOfAsync(Subscription? subscription, CancellationToken cancellationToken)
    {
        if (subscription is not { Status: SubscriptionStatus.Active } || !subscription.Channel.IsPushed())
        {
            return [];
        }
        var immediate = subscription.Cadence.Kind == CadenceKind.Immediate;
        var watched = await queryRuleIds.WatchedByAsync(subscription, cancellationToken).ConfigureAwait(false);
        return [.. watched.Select(rule => new SubscriptionIndexEntry(rule, immediate, subscription.Id))];
    }

    /// <summary>True when a change from <paramref name="before"/> to <paramref name="after"/> can change the rows.</summary>
    public static bool Concerns(Subscription? before, Subscription? after) =>
        before is null || after is null
        || (before.Status == SubscriptionStatus.Active) != (after.Status == SubscriptionStatus.Active)
        || (before.Cadence.Kind == CadenceKind.Immediate) != (after.Cadence.Kind == CadenceKind.Immediate)
        || !before.Rules.SequenceEqual(after.Rules, StringComparer.Ordinal)
        || !before.Queries.SequenceEqual(after.Queries, StringComparer.Ordinal);

    /// <summary>
    /// Brings one subscription's rows in line with its stored row, read through <paramref name="read"/>.
    /// <paramref name="earlier"/> are rows an earlier state may have left, removed unless still wanted.
    /// <paramref name="written"/> is the row just written, when the caller has it: it saves the first read.
    /// </summary>
    public async Task SyncAsync(string subscriptionId, Func<CancellationToken, Task<Subscription?>> read, IEnumerable<SubscriptionIndexEntry> earlier, CancellationToken cancellationToken, Subscription? written = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        var known = new HashSet<SubscriptionIndexEntry>(earlier);
        var wanted = await EntriesOfAsync(written ?? await read(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        for (var round = 0; round < MaxSyncRounds; round++)
        {
            if (wanted.Count > 0)
            {
                await index.AddAsync(wanted, cancellationToken).ConfigureAwait(false);
            }
            known.ExceptWith(wanted);
            if (known.Count > 0)
            {
                await index.RemoveAsync(known, cancellationToken).ConfigureAwait(false);
            }
            known.UnionWith(wanted);
            // Another writer may have changed the subscription while these rows were written: the last to look wins.
            var fresh = await EntriesOfAsync(await read(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (fresh.SetEquals(wanted))
            {
                return;
            }
            wanted = fresh;
        }
        LogUnsettled(logger, subscriptionId, MaxSyncRounds);
    }

    /// <summary>
    /// The active immediate subscribers of <paramref name="ruleIds"/> as the index has them, each with the rows that
    /// named it (several when it watches several of the rules). Stale rows are possible; check before sending.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, List<SubscriptionIndexEntry>>> ImmediateSubscribersAsync(IEnumerable<string> ruleIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<SubscriptionIndexEntry>>(StringComparer.Ordinal);
        foreach (var rule in ruleIds.Distinct(StringComparer.Ordinal))
        {
            await foreach (var entry in index.ListAsync(rule, immediate: true, cancellationToken).ConfigureAwait(false))
            {
                if (!found.TryGetValue(entry.SubscriptionId, out var rows))
                {
                    found[entry.SubscriptionId] = rows = [];
                }
                rows.Add(entry);
            }
        }
        return found;
    }

    /// <summary>Whether the index holds every subscription (a full repair has run), so readers may rely on it.</summary>
    public Task<bool> IsCompleteAsync(CancellationToken cancellationToken) => index.IsCompleteAsync(cancellationToken);

    /// <summary>
    /// Mends the whole index: rows whose subscription is gone, inactive or no longer watching the rule are removed;
    /// active subscriptions' missing rows are added. Each subscription that differs is synced from a fresh read, so a
    /// change made while the repair runs is not undone. Safe to run at any time, twice, or alongside writers.
    /// </summary>
    public async Task<IndexRepair> RepairAsync(ISubscriptionStore subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var wanted = new Dictionary<string, HashSet<SubscriptionIndexEntry>>(StringComparer.Ordinal);
        var checkedCount = 0;
        await foreach (var subscription in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            checkedCount++;
            wanted[subscription.Id] = await EntriesOfAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
        var present = new Dictionary<string, HashSet<SubscriptionIndexEntry>>(StringComparer.Ordinal);
        await foreach (var entry in index.ListAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!present.TryGetValue(entry.SubscriptionId, out var rows))
            {
                present[entry.SubscriptionId] = rows = [];
            }
            rows.Add(entry);
        }

        int added = 0, removed = 0;
        foreach (var id in wanted.Keys.Union(present.Keys, StringComparer.Ordinal))
        {
            var want = wanted.GetValueOrDefault(id) ?? [];
            var have = present.GetValueOrDefault(id) ?? [];
            if (want.SetEquals(have))
            {
                continue;
            }
            added += want.Except(have).Count();
            removed += have.Except(want).Count();
            await SyncAsync(id, ct => subscriptions.GetAsync(id, ct), have, cancellationToken).ConfigureAwait(false);
        }
        await index.MarkCompleteAsync(cancellationToken).ConfigureAwait(false);
        LogRepaired(logger, checkedCount, added, removed);
        return new IndexRepair(checkedCount, added, removed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} kept changing while its index rows were written ({Rounds} rounds); the index repair will settle it")]
    private static partial void LogUnsettled(ILogger logger, string subscriptionId, int rounds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription index repaired: {Subscriptions} subscriptions checked, {Added} rows added, {Removed} rows removed")]
    private static partial void LogRepaired(ILogger logger, int subscriptions, int added, int removed);
}

/// <summary>What a repair of the subscription index found: subscriptions checked, rows added and removed.</summary>
public sealed record IndexRepair(int Subscriptions, int Added, int Removed);
