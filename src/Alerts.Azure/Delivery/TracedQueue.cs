using Alerts.Storage;
using Alerts.Telemetry;
using Azure.Storage.Queues;

namespace Alerts.Delivery;

/// <summary>
/// A storage queue the pipeline sends to: each message is written inside a <c>send</c> span and carries that span's
/// <c>traceparent</c>, so its consumer continues the same trace; a queue lost by storage is created again.
/// </summary>
internal sealed class TracedQueue(QueueServiceClient queues, string name)
{
    private readonly QueueClient _queue = queues.GetQueueClient(name);
    private readonly StorageInitializer _init = new(queues.GetQueueClient(name));

    /// <summary>Sends the body <paramref name="bodyWithTraceParent"/> makes from the sending span's traceparent.</summary>
    public async Task SendAsync(Func<string?, string> bodyWithTraceParent, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.StartSending(name);
        var body = bodyWithTraceParent(TraceParent.Current());
        var sent = await _init.RunAsync(ct => _queue.SendMessageAsync(body, ct), cancellationToken).ConfigureAwait(false);
        activity?.SetTag("messaging.message.id", sent.Value.MessageId);
    }
}
