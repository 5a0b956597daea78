using Microsoft.Azure.WebJobs.Host.Queues;

namespace Alerts.LocalHost;

/// <summary>
/// Polls <see cref="LocalQueues.ArticleUploads"/> at most every <see cref="MaxPollingInterval"/> when it is idle (the
/// other queues keep the host's interval): an upload is waited for by the person who made it, and one idle queue
/// polled a few times a second costs the local storage little.
/// </summary>
internal sealed class UploadQueueProcessorFactory : IQueueProcessorFactory
{
    public static readonly TimeSpan MaxPollingInterval = TimeSpan.FromMilliseconds(200);

    public QueueProcessor Create(QueueProcessorOptions queueProcessorOptions)
    {
        ArgumentNullException.ThrowIfNull(queueProcessorOptions);
        if (queueProcessorOptions.Queue.Name == LocalQueues.ArticleUploads)
        {
            queueProcessorOptions.Options.MaxPollingInterval = MaxPollingInterval;
        }
        return new Processor(queueProcessorOptions);
    }

    // The SDK's processor, unchanged: its constructor is only open to subclasses.
    private sealed class Processor(QueueProcessorOptions options) : QueueProcessor(options);
}
