using Alerts.Delivery;
using Alerts.Subscriptions;
using Alerts.Telemetry;

namespace Alerts.Hosting;

/// <summary>
/// The digest timer of both hosts: it only finds the active subscriptions and queues them in batches on
/// <see cref="Storage.StorageNames.DigestBatchQueue"/>; <see cref="DigestBatchHandler"/> does the sending, spread over
/// as many instances as the queue engine runs. Its first run on a store whose subscription index was never completed
/// (subscriptions stored before the index existed) builds the index first.
/// </summary>
public sealed class DigestTimerHandler(DeliveryService delivery, IDigestBatchSender queue, SubscriptionIndexing indexing, ISubscriptionStore subscriptions)
{
    private const int ConcurrentEnqueues = 16;

    public async Task<DigestFanOut> HandleAsync(CancellationToken cancellationToken)
    {
        if (!await indexing.IsCompleteAsync(cancellationToken).ConfigureAwait(false))
        {
            await indexing.RepairAsync(subscriptions, cancellationToken).ConfigureAwait(false);
        }
        // The root of the run's trace: each batch message carries it to the handler that sends its digests.
        using var activity = AlertsTelemetry.Source.StartActivity("plan digest batches");
        int found = 0, batches = 0;
        var pending = new List<Task>(ConcurrentEnqueues);
        await foreach (var batch in delivery.PlanBatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            pending.Add(queue.EnqueueAsync(batch, cancellationToken));
            found += batch.SubscriptionIds.Count;
            batches++;
            if (pending.Count == ConcurrentEnqueues)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
        activity?.SetTag("alerts.subscriptions", found);
        activity?.SetTag("alerts.batches", batches);
        return new DigestFanOut(found, batches);
    }
}
