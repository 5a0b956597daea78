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
    /// <summary>
    /// Active subscriptions in batches of <see cref="DigestOptions.BatchSize"/> ids. Each may have a due window or a
    /// retry. Feeds are left out: their readers fetch them.
    /// </summary>
    public async IAsyncEnumerable<DigestBatch> PlanBatchesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var size = options.Value.BatchSize;
        var ids = new List<string>(size);
        // Ids only, in id order: a batch's ids are neighbours, which its handler reads in one range.
        await foreach (var id in subscriptions.ListActiveIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(id);
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
        var digests = builder.ReadingThrough(new BatchReadCache(analyses, options.Value.BatchCacheEntries));
        var total = DigestRunSummary.None;
        var gate = new object();
        // Read now, not when the batch was planned (the subscriber may have paused or left since), and in one read
        // for the batch; the claim before each send reads the subscription once more.
        var listed = new List<Subscription>(batch.SubscriptionIds.Count);
        await foreach (var s in subscriptions.GetManyAsync(batch.SubscriptionIds.Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false))
        {
            if (s.Status == SubscriptionStatus.Active && s.Channel.IsPushed())
            {
                listed.Add(s);
            }
        }
        await Parallel.ForEachAsync(listed,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (subscription, ct) =>
            {
                var one = await RunSubscriptionAsync(subscription, digests, ct).ConfigureAwait(false);
                lock (gate)
                {
                    total += one;
                }
            }).ConfigureAwait(false);
        var summary = total;
        LogBatch(logger, batch.SubscriptionIds.Count, summary.Subscriptions, summary.Sent, summary.Failed, summary.Retried, summary.Held, summary.NotDue, summary.Empty);
        return summary;
    }

    /// <summary>The whole digest run in this process, batch after batch (for <c>alerts deliveries run</c>).</summary>
    public async Task<DigestRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var total = DigestRunSummary.None;
        await foreach (var batch in PlanBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            total += await RunBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        LogRun(logger, total.Subscriptions, total.Sent, total.Failed, total.Retried, total.Held, total.NotDue, total.Empty);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest batch of {Ids} ids: {Subscriptions} active, {Sent} sent, {Failed} failed, {Retried} retried, {Held} held by another run, {NotDue} not yet due, {Empty} with nothing new")]
    private static partial void LogBatch(ILogger logger, int ids, int subscriptions, int sent, int failed, int retried, int held, int notDue, int empty);
}
