using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// The queue trigger of both hosts on <see cref="StorageNames.DigestBatchQueue"/>: builds and sends one batch's digests.
/// A malformed message, or a batch that keeps failing, is retried by the queue engine and then moved to
/// <c>digest-batches-poison</c> (<c>alerts poison list|replay digest-batches</c>). A message delivered twice sends
/// nothing twice: each digest is claimed in the ledger before it is sent. The sends continue the timer run's trace.
/// </summary>
public sealed partial class DigestBatchHandler(DeliveryService delivery, ILogger<DigestBatchHandler> logger)
{
    public async Task<DigestRunSummary> HandleAsync(string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        DigestBatch batch;
        try
        {
            batch = DigestBatchDecoder.Decode(body, messageId);
        }
        catch (MalformedMessageException ex)
        {
            LogMalformed(logger, ex.MessageId, ex.Queue, ex.Reason, dequeueCount);
            using var malformed = AlertsTelemetry.StartProcessing(StorageNames.DigestBatchQueue, messageId, traceParent: null);
            AlertsTelemetry.Failed(malformed, ex);
            QueuePoison.CountIfLast(StorageNames.DigestBatchQueue, dequeueCount);
            throw;
        }

        using var activity = AlertsTelemetry.StartProcessing(StorageNames.DigestBatchQueue, messageId, batch.TraceParent);
        activity?.SetTag("messaging.batch.message_count", batch.SubscriptionIds.Count);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);
        try
        {
            var summary = await delivery.RunBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("alerts.sent", summary.Sent);
            activity?.SetTag("alerts.failed", summary.Failed);
            return summary;
        }
        catch (Exception ex)
        {
            AlertsTelemetry.Failed(activity, ex);
            QueuePoison.CountIfLast(StorageNames.DigestBatchQueue, dequeueCount);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is malformed ({Reason}); attempt {DequeueCount}, it goes to the poison queue after the last retry")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue, string reason, long dequeueCount);
}
