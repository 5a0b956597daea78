namespace Alerts.Delivery;

/// <summary>
/// Hands batches of subscriptions with digest work to the queue the hosts scale out on: the timer only finds the work,
/// and each batch is built and sent by whichever instance takes its message.
/// </summary>
public interface IDigestBatchSender
{
    Task EnqueueAsync(DigestBatch batch, CancellationToken cancellationToken);
}
