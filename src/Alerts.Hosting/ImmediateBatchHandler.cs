using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// The queue trigger of both hosts on <see cref="StorageNames.ImmediateBatchQueue"/>: sends one batch of an article's
/// immediate subscribers. A malformed message, or a batch that keeps failing, is retried by the queue engine and then
/// moved to <c>immediate-batches-poison</c> (<c>alerts poison list|replay immediate-batches</c>). A message delivered
/// twice sends nothing twice: each alert is claimed in the ledger before it is sent. The sends continue the trace of
/// the upload.
/// </summary>
public sealed partial class ImmediateBatchHandler(DeliveryService delivery, ILogger<ImmediateBatchHandler> logger)
{
    public async Task<ImmediateDelivery> HandleAsync(string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        ImmediateBatch batch;
        try
        {
            batch = ImmediateBatchDecoder.Decode(body, messageId);
        }
        catch (MalformedMessageException ex)
        {
            LogMalformed(logger, ex.MessageId, ex.Queue, ex.Reason, dequeueCount);
            using var malformed = AlertsTelemetry.StartProcessing(StorageNames.ImmediateBatchQueue, messageId, traceParent: null);
            AlertsTelemetry.Failed(malformed, ex);
            QueuePoison.CountIfLast(StorageNames.ImmediateBatchQueue, dequeueCount);
            throw;
        }

        using var activity = AlertsTelemetry.StartProcessing(StorageNames.ImmediateBatchQueue, messageId, batch.TraceParent);
        activity?.SetTag("alerts.article.id", batch.ArticleId);
        activity?.SetTag("messaging.batch.message_count", batch.Subscribers.Count);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);
        try
        {
            var sent = await delivery.DeliverImmediateBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("alerts.sent", sent);
            return new ImmediateDelivery(batch.ArticleId, sent);
        }
        catch (Exception ex)
        {
            AlertsTelemetry.Failed(activity, ex);
            QueuePoison.CountIfLast(StorageNames.ImmediateBatchQueue, dequeueCount);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is malformed ({Reason}); attempt {DequeueCount}, it goes to the poison queue after the last retry")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue, string reason, long dequeueCount);
}
