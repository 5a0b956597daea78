using Alerts.Storage;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// Every <see cref="LocalHostOptions.ReconcileInterval"/>, lists the <c>articles</c> container and processes each blob
/// older than <see cref="LocalHostOptions.ReconcileGrace"/> that has no status row: an upload by another tool that the
/// blob scan skipped, or one whose row storage lost, is analysed at the next sweep. Blobs already seen with a row are
/// remembered by ETag so a sweep reads only new ones; a storage fault forgets them, since storage may have rolled back.
/// </summary>
public sealed partial class UploadReconciler(
    BlobServiceClient blobs,
    IAnalysisStore store,
    UploadedBlobProcessor processor,
    LocalHostOptions options,
    ILogger<UploadReconciler> logger) : BackgroundService
{
    private readonly HashSet<(string Name, ETag ETag)> _settled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ReconcileInterval);
        do
        {
            try
            {
                var processed = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (processed > 0)
                {
                    LogReconciled(logger, processed);
                }
            }
#pragma warning disable CA1031 // A failed sweep must not stop the host (and the API with it): the next sweep retries.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                _settled.Clear();
                LogSweepFailed(logger, ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One pass over the container; returns how many blobs it processed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
        var cutoff = DateTimeOffset.UtcNow - options.ReconcileGrace;
        var processed = 0;
        try
        {
            await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var key = (blob.Name, blob.Properties.ETag ?? default);
                if (_settled.Contains(key) || blob.Properties.LastModified is not { } modified || modified > cutoff)
                {
                    continue;
                }
                if (await store.GetUploadAsync(blob.Name, cancellationToken).ConfigureAwait(false) is null)
                {
                    if (await processor.ProcessAsync(blob.Name, cancellationToken).ConfigureAwait(false) is null)
                    {
                        continue;
                    }
                    processed++;
                }
                _settled.Add(key);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No container yet: nothing uploaded.
        }
        return processed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation analysed {Count} uploads that no trigger had processed.")]
    private static partial void LogReconciled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation sweep failed, retried at the next one: {Reason}")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
