using Alerts.Delivery;
using Alerts.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// The queue trigger of both hosts on <see cref="StorageNames.ImmediateQueue"/>. A malformed message throws
/// <see cref="MalformedMessageException"/>, so the queue engine (the Functions host in Azure, the WebJobs SDK locally)
/// retries it up to its maximum dequeue count and then moves it to the poison queue: never dropped, logged by id and
/// reason only.
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
            throw;
        }
        var sent = await delivery.DeliverImmediateAsync(message.ArticleId, message.Rules, cancellationToken).ConfigureAwait(false);
        return new ImmediateDelivery(message.ArticleId, sent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} on {Queue} is malformed ({Reason}); attempt {DequeueCount}, it goes to the poison queue after the last retry")]
    private static partial void LogMalformed(ILogger logger, string messageId, string queue, string reason, long dequeueCount);
}
