using Alerts.Delivery;
using Alerts.Storage;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// The function app's three triggers on the WebJobs SDK (the engine under the Functions host), for running locally
/// without Core Tools. Like the [Function] classes, each only binds its trigger and calls the shared core service.
/// </summary>
public sealed class LocalFunctions(Analysis.ArticleProcessor processor, DeliveryService delivery, ActivityReporter reporter)
{
    [FunctionName("ArticleUploaded")]
    public async Task ArticleUploadedAsync([BlobTrigger(StorageNames.ArticlesContainer + "/{name}", Connection = StorageNames.Connection)] Stream content, string name, CancellationToken cancellationToken)
    {
        var result = await processor.ProcessAsync(name, content, cancellationToken).ConfigureAwait(false);
        reporter.ArticleProcessed(result);
    }

    [FunctionName("SendDigests")]
    public async Task SendDigestsAsync([TimerTrigger("%DigestSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        reporter.DigestRun(await delivery.RunAsync(cancellationToken).ConfigureAwait(false));
    }

    [FunctionName("DeliverImmediate")]
    public async Task DeliverImmediateAsync([QueueTrigger(StorageNames.ImmediateQueue, Connection = StorageNames.Connection)] string message, CancellationToken cancellationToken)
    {
        if (QueueNewMatchesNotifier.Parse(message) is not { } parsed)
        {
            reporter.Warning($"Ignored a malformed message on {StorageNames.ImmediateQueue}.");
            return;
        }
        var sent = await delivery.DeliverImmediateAsync(parsed.ArticleId, parsed.Rules, cancellationToken).ConfigureAwait(false);
        reporter.ImmediateSent(parsed.ArticleId, sent);
    }
}
