using Alerts.Entities;
using Alerts.Hosting;
using Alerts.Storage;
using Microsoft.Azure.WebJobs;

namespace Alerts.LocalHost;

/// <summary>
/// The function app's triggers on the WebJobs SDK (the engine under the Functions host), for running locally
/// without Core Tools. Like the [Function] classes, each binds its trigger, calls the shared handler; what happened is
/// logged (the analysed article by <see cref="ActivityReporter"/>, deliveries by the delivery service). A failure (such as a malformed queue message) is retried and poisoned by the SDK.
/// </summary>
public sealed class LocalFunctions(ArticleUploadHandler articles, UploadedBlobProcessor uploads, DigestTimerHandler digests, DigestBatchHandler batches, StoryPruneTimerHandler stories, ImmediateQueueHandler immediate, ImmediateBatchHandler immediateBatches, ActivityReporter reporter)
{
    /// <summary>
    /// The fallback for uploads by other tools. A blob the uploader named on <see cref="LocalQueues.ArticleUploads"/>
    /// (its metadata says so) is the queue's: the scan leaves it rather than read and analyse it a second time.
    /// </summary>
    [FunctionName("ArticleUploaded")]
    public async Task ArticleUploadedAsync([BlobTrigger(StorageNames.ArticlesContainer + "/{name}", Connection = StorageNames.Connection)] Stream content, string name, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (LocalQueues.IsQueued(metadata))
        {
            return;
        }
        try
        {
            reporter.ArticleProcessed(await articles.HandleAsync(name, content, cancellationToken).ConfigureAwait(false));
        }
        catch (ExtractorConfigurationException ex)
        {
            // Told here, then failed as in the function app: the SDK retries the blob and, after its retries, poisons it.
            reporter.ArticleHeld(name, ex.Reason, ex.Message);
            throw;
        }
    }

    /// <summary>
    /// The local host's dependable upload path: <c>alerts upload</c> and the watched folder name each blob on a queue,
    /// which, unlike the blob scan, does not skip one. The same blob found by both paths is analysed once.
    /// </summary>
    [FunctionName("ArticleUploadQueued")]
    public async Task ArticleUploadQueuedAsync([QueueTrigger(LocalQueues.ArticleUploads, Connection = StorageNames.Connection)] string name, CancellationToken cancellationToken)
    {
        if (await uploads.ProcessAsync(name, cancellationToken).ConfigureAwait(false) is { } result)
        {
            reporter.ArticleProcessed(result);
        }
    }

    [FunctionName("SendDigests")]
    public async Task SendDigestsAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await digests.HandleAsync(cancellationToken).ConfigureAwait(false);
    }

    [FunctionName("PruneStories")]
    public async Task PruneStoriesAsync([TimerTrigger("%StoryPruneSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await stories.HandleAsync(cancellationToken).ConfigureAwait(false);
    }

    [FunctionName("DeliverDigestBatch")]
    public async Task DeliverDigestBatchAsync(
        [QueueTrigger(StorageNames.DigestBatchQueue, Connection = StorageNames.Connection)] string message,
        string id,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await batches.HandleAsync(message, id, dequeueCount, cancellationToken).ConfigureAwait(false);

    [FunctionName("DeliverImmediate")]
    public async Task DeliverImmediateAsync(
        [QueueTrigger(StorageNames.ImmediateQueue, Connection = StorageNames.Connection)] string message,
        string id,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await immediate.HandleAsync(message, id, dequeueCount, cancellationToken).ConfigureAwait(false);

    [FunctionName("DeliverImmediateBatch")]
    public async Task DeliverImmediateBatchAsync(
        [QueueTrigger(StorageNames.ImmediateBatchQueue, Connection = StorageNames.Connection)] string message,
        string id,
        long dequeueCount,
        CancellationToken cancellationToken) =>
        await immediateBatches.HandleAsync(message, id, dequeueCount, cancellationToken).ConfigureAwait(false);
}
