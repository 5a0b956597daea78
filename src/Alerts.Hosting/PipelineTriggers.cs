using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Storage;
using Microsoft.Extensions.Logging;

namespace Alerts.Hosting;

/// <summary>
/// What the blob, queue and timer triggers of both hosts do once their engine has bound the input. The hosts only
/// declare the triggers; an exception thrown here fails the invocation, and the engine retries it the same way in both.
/// </summary>
public sealed partial class PipelineTriggers(ArticleProcessor processor, DeliveryService delivery, ILogger<PipelineTriggers> logger)
{
    /// <summary>A blob in <see cref="StorageNames.ArticlesContainer"/>. A refused upload is recorded and returns normally: a retry would fail again.</summary>
    public Task<ProcessingResult> ArticleUploadedAsync(string name, Stream content, CancellationToken cancellationToken) =>
        processor.ProcessAsync(name, content, cancellationToken);

    /// <summary>The digest timer: every due digest, and retries of failed ones.</summary>
    public Task<DigestRunSummary> SendDigestsAsync(CancellationToken cancellationToken) => delivery.RunAsync(cancellationToken);

    /// <summary>
    /// A message of <see cref="StorageNames.ImmediateQueue"/>. A malformed one throws <see cref="MalformedMessageException"/>
    /// so it is retried and then poisoned, never dropped; it is logged by id and reason only.
    /// </summary>
    public async Task<ImmediateDelivery> DeliverImmediateAsync(string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
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
