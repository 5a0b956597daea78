using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// The queue trigger of both hosts on <see cref="StorageNames.ImmediateQueue"/>. A malformed message throws
/// <see cref="MalformedMessageException"/>, so the queue engine (the Functions host in Azure, the WebJobs SDK locally)
/// retries it up to its maximum dequeue count and then moves it to the poison queue: never dropped, logged by id and
/// reason only. The delivery continues the trace of the upload that sent the message.
/// </summary>
public sealed partial class ImmediateQueueHandler(DeliveryService delivery, ILogger<ImmediateQueueHandler> logger)
{
    public async Task<ImmediateDelivery> HandleAsync(string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        NewMatchesMessage message;
        try
        {
            message = ImmediateMessageDecoder.Decode(body, messageId);
        }
        catch (MalformedMessageException ex)
        {
            LogMalformed(logger, ex.MessageId, ex.Queue, ex.Reason, dequeueCount);
            using var malformed = AlertsTelemetry.StartProcessing(StorageNames.ImmediateQueue, messageId, traceParent: null);
            AlertsTelemetry.Failed(malformed, ex);
            QueuePoison.CountIfLast(StorageNames.ImmediateQueue, dequeueCount);
            throw;
        }

        using var activity = AlertsTelemetry.StartProcessing(StorageNames.ImmediateQueue, messageId, message.TraceParent);
        activity?.SetTag("alerts.article.id", message.ArticleId);
        activity?.SetTag("messaging.message.delivery_count", dequeueCount);
        try
        {
            var sent = await delivery.DeliverImmediateAsync(message.ArticleId, message.Rules, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("alerts.sent", sent);
            return new ImmediateDelivery(message.ArticleId, sent);
        }
        catch (Exception ex)
        {
            AlertsTelemetry.Failed(activity, ex);
            QueuePoison.CountIfLast(StorageNames.ImmediateQueue, dequeueCount);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is malformed ({Reason}); attempt {DequeueCount}, it goes to the poison queue after the last retry")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue, string reason, long dequeueCount);
}
