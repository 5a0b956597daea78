namespace Alerts.Delivery;

/// <summary>
/// Hands batches of an article's immediate subscribers to the queue the hosts scale out on, so a rule watched by
/// thousands is sent by as many handlers as the backlog asks for, not by the one message that found them.
/// </summary>
public interface IImmediateBatchSender
{
    Task EnqueueAsync(ImmediateBatch batch, CancellationToken cancellationToken);
}
