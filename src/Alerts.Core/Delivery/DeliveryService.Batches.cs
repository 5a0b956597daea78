using System.Runtime.CompilerServices;
using Alerts.Digests;
using Alerts.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Delivery;

/// <summary>
/// Digest work in batches: the timer only lists the active subscriptions and hands them out in batches
/// (<see cref="PlanBatchesAsync"/>); a batch handler, on whichever instance takes the message, builds and sends them
/// (<see cref="RunBatchAsync"/>) with reads shared across the batch. Every send still goes through the ledger's claim,
/// so a batch delivered twice, or two overlapping timer runs, send each digest once.
/// </summary>
public sealed partial class DeliveryService
{
    /// <summary>Active subscriptions in batches of <see cref="DigestOptions.BatchSize"/> ids. Each may have a due window or a retry.</summary>
    public async IAsyncEnumerable<DigestBatch> PlanBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        var ids = new List<string>(size);
        await foreach (var s in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (s.Status != SubscriptionStatus.Active)
            {
                continue;
            }
            ids.Add(s.Id);
            if (ids.Count == size)
            {
                yield return new DigestBatch(ids);
                ids = new List<string>(size);
            }
        }
        if (ids.Count > 0)
        {
            yield return new DigestBatch(ids);
        }
    }

    /// <summary>Builds and sends the due digests and retries of one batch. Safe to run twice, or alongside another run.</summary>
    public async Task<DigestRunSummary> RunBatchAsync(DigestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var digests = new DigestBuilder(new BatchReadCache(analyses, options.Value.BatchCacheEntries), options, time);
        int active = 0, sent = 0, failed = 0, empty = 0;
        await Parallel.ForEachAsync(batch.SubscriptionIds.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                // Read now, not when the batch was planned: the subscriber may have paused or left since.
                if (await subscriptions.GetAsync(id, ct).ConfigureAwait(false) is not { Status: SubscriptionStatus.Active } subscription)
                {
                    return;
                }
                Interlocked.Increment(ref active);
                var (s, f, e) = await RunSubscriptionAsync(subscription, digests, ct).ConfigureAwait(false);
                Interlocked.Add(ref sent, s);
                Interlocked.Add(ref failed, f);
                Interlocked.Add(ref empty, e);
            }).ConfigureAwait(false);
        var summary = new DigestRunSummary(active, sent, failed, empty);
        LogBatch(logger, batch.SubscriptionIds.Count, summary.Subscriptions, summary.Sent, summary.Failed, summary.Empty);
        return summary;
    }

    /// <summary>The whole digest run in this process, batch after batch (for <c>alerts deliveries run</c>).</summary>
    public async Task<DigestRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        int active = 0, sent = 0, failed = 0, empty = 0;
        await foreach (var batch in PlanBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await RunBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            active += result.Subscriptions;
            sent += result.Sent;
            failed += result.Failed;
            empty += result.Empty;
        }
        return new DigestRunSummary(active, sent, failed, empty);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest batch of {Ids} ids: {Subscriptions} active, {Sent} sent, {Failed} failed, {Empty} with nothing new")]
    private static partial void LogBatch(ILogger logger, int ids, int subscriptions, int sent, int failed, int empty);
}
