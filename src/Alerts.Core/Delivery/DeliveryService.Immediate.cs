using Alerts.Analysis;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// Immediate alerts. A message sends to at most <see cref="ImmediateOptions.FanOutBatchSize"/> subscribers: an article
/// whose rules have more queues the rest as <see cref="ImmediateBatch"/> messages, which any instance sends, while it
/// sends the first batch itself. Every send is claimed in the ledger under an id made of the subscription and the
/// article, so a message delivered twice, or a fan-out repeated after a crash, sends nothing twice.
/// </summary>
public sealed partial class DeliveryService
{
    /// <summary>
    /// Immediate alerts for an article that has just met <paramref name="ruleIds"/>, to those rules' subscribers only
    /// (read from the subscription index). Safe to call twice for one article. Returns the alerts this call sent; the
    /// queued batches' alerts are counted by their own messages.
    /// </summary>
    public async Task<int> DeliverImmediateAsync(string articleId, IReadOnlyCollection<string> ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        // With its query matches, which are stored apart: each subscriber's digest takes only its own.
        var analysis = await analyses.GetStoredAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (analysis is null)
        {
            LogMissingAnalysis(logger, articleId);
            return 0;
        }

        var rules = ruleIds.ToHashSet(StringComparer.Ordinal);
        var candidates = new List<ImmediateCandidate>();
        await foreach (var candidate in ImmediateCandidatesAsync(rules, cancellationToken).ConfigureAwait(false))
        {
            candidates.Add(candidate);
        }
        var size = immediateOptions.Value.FanOutBatchSize;
        if (candidates.Count <= size)
        {
            return await SendImmediateAsync(analysis, rules, candidates, cancellationToken).ConfigureAwait(false);
        }

        // The other batches are queued while this message sends the first, so the first alert does not wait for the
        // queueing and other handlers start on the rest at once. A failure of either retries the whole message.
        var ordered = rules.Order(StringComparer.Ordinal).ToList();
        var batches = candidates.Skip(size).Chunk(size)
            .Select(chunk => new ImmediateBatch(articleId, ordered, [.. chunk.Select(c => new ImmediateRecipient(c.Id, [.. c.Rows.Select(r => r.RuleId)]))]))
            .ToList();
        var queued = Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = immediateOptions.Value.EnqueueParallelism, CancellationToken = cancellationToken },
            async (batch, ct) => await immediateBatches.EnqueueAsync(batch, ct).ConfigureAwait(false));
        var sending = SendImmediateAsync(analysis, rules, candidates[..size], cancellationToken);
        await Task.WhenAll(queued, sending).ConfigureAwait(false);
        LogFannedOut(logger, articleId, candidates.Count, batches.Count);
        return await sending.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one queued batch of an article's immediate subscribers. Each is read again first: one that unsubscribed,
    /// paused or stopped watching the rules since the fan-out gets nothing.
    /// </summary>
    public async Task<int> DeliverImmediateBatchAsync(ImmediateBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var analysis = await analyses.GetStoredAsync(batch.ArticleId, cancellationToken).ConfigureAwait(false);
        if (analysis is null)
        {
            LogMissingAnalysis(logger, batch.ArticleId);
            return 0;
        }
        var candidates = batch.Subscribers
            .Select(s => new ImmediateCandidate(s.Id, [.. s.Rules.Distinct(StringComparer.Ordinal).Select(r => new SubscriptionIndexEntry(r, Immediate: true, s.Id))], Listed: null))
            .ToList();
        return await SendImmediateAsync(analysis, batch.Rules.ToHashSet(StringComparer.Ordinal), candidates, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> SendImmediateAsync(ArticleAnalysis analysis, HashSet<string> rules, List<ImmediateCandidate> candidates, CancellationToken cancellationToken)
    {
        var sent = 0;
        // The subscribers' sends run side by side (bounded): each still claims its alert in the ledger first.
        await Parallel.ForEachAsync(candidates,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (candidate, ct) =>
            {
                if (await CheckedAsync(candidate, ct).ConfigureAwait(false) is not { } subscription)
                {
                    return;
                }
                // Built from the subscriber's own view (catalogue rules and its own queries): only a match of the
                // rules this message is about makes an alert.
                if (await builder.BuildImmediateAsync(subscription, analysis, ct).ConfigureAwait(false) is not { } digest
                    || !digest.Articles.SelectMany(a => a.Matches).Any(m => rules.Contains(m.Rule)))
                {
                    return;
                }
                await ledger.TryAddAsync(digest, ct).ConfigureAwait(false);
                // Added now, or by an earlier delivery of this message: either way send it if nobody has. The claim
                // re-reads the subscription, so one unsubscribed or paused since it was listed gets nothing.
                if (await ledger.GetAsync(subscription.Id, digest.Id, ct).ConfigureAwait(false) is { } record
                    && record.IsDue(time.GetUtcNow())
                    && await AttemptAsync(subscription, record, ct).ConfigureAwait(false) == DeliveryResult.Sent)
                {
                    Interlocked.Increment(ref sent);
                }
            }).ConfigureAwait(false);
        return sent;
    }

    /// <summary>
    /// Who may get an immediate alert for <paramref name="rules"/>: the rules' rows in the index once it is complete;
    /// before that, the active immediate subscriptions of the whole table.
    /// </summary>
    private async IAsyncEnumerable<ImmediateCandidate> ImmediateCandidatesAsync(
        IReadOnlySet<string> rules, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await indexing.IsCompleteAsync(cancellationToken).ConfigureAwait(false))
        {
            await foreach (var subscription in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (IsImmediate(subscription))
                {
                    yield return new ImmediateCandidate(subscription.Id, [], subscription);
                }
            }
            yield break;
        }
        foreach (var (id, rows) in await indexing.ImmediateSubscribersAsync(rules, cancellationToken).ConfigureAwait(false))
        {
            yield return new ImmediateCandidate(id, rows, null);
        }
    }

    /// <summary>
    /// The candidate's subscription when it is active, immediate and still watches one of the rules its index rows
    /// name; null otherwise. A row the stored subscription no longer wants is removed on the way. Runs in the parallel
    /// sends, so a rule with many subscribers is read side by side.
    /// </summary>
    private async Task<Subscription?> CheckedAsync(ImmediateCandidate candidate, CancellationToken cancellationToken)
    {
        if (candidate.Rows.Count == 0)
        {
            // Listed from the whole table (the index was not complete): the builder decides whether it watches the rules.
            var listed = candidate.Listed ?? await subscriptions.GetAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
            return IsImmediate(listed) ? listed : null;
        }
        var subscription = await subscriptions.GetAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
        var wanted = await indexing.EntriesOfAsync(subscription, cancellationToken).ConfigureAwait(false);
        if (!candidate.Rows.All(wanted.Contains))
        {
            // A row left by a change that raced its index write, or by a crash between the two: mend it now.
            LogStaleIndexRow(logger, candidate.Id);
            await indexing.SyncAsync(candidate.Id, ct => subscriptions.GetAsync(candidate.Id, ct), candidate.Rows, cancellationToken).ConfigureAwait(false);
        }
        return subscription is not null && candidate.Rows.Any(wanted.Contains) ? subscription : null;
    }

    // A feed is fetched by its reader, never pushed to.
    private static bool IsImmediate(Subscription? subscription) =>
        subscription is { Status: SubscriptionStatus.Active, Cadence.Kind: CadenceKind.Immediate } && subscription.Channel.IsPushed();

    /// <summary>A subscriber who may get an article's alert: its id, the index rows that named it, the row if listed whole.</summary>
    private sealed record ImmediateCandidate(string Id, List<SubscriptionIndexEntry> Rows, Subscription? Listed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Immediate alert for article {ArticleId}: {Subscribers} subscribers, {Batches} batches queued on immediate-batches")]
    private static partial void LogFannedOut(ILogger logger, string articleId, int subscribers, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription {SubscriptionId} had stale index rows; synced from its stored row")]
    private static partial void LogStaleIndexRow(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Immediate alert for article {ArticleId} skipped: its analysis is not stored")]
    private static partial void LogMissingAnalysis(ILogger logger, string articleId);
}
