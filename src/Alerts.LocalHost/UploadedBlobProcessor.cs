using Alerts.Analysis;
using Alerts.Hosting;
using Alerts.Storage;
using Azure;
using Azure.Storage.Blobs;

namespace Alerts.LocalHost;

/// <summary>
/// Analyses a blob of the <c>articles</c> container named by a queue message or found by reconciliation, through the
/// same handler as the blob trigger. Analysis is keyed by content and the status row by blob name, so a blob that
/// several paths process gets one analysis and one status row.
/// </summary>
public sealed class UploadedBlobProcessor(BlobServiceClient blobs, ArticleUploadHandler handler)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);

    /// <summary>The result, or null when the blob is gone (deleted, or lost by storage): nothing to analyse.</summary>
    public async Task<ProcessingResult?> ProcessAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Stream content;
        try
        {
            // One GET that streams the content (OpenRead would ask for the properties first: two round trips).
            content = (await _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        await using (content.ConfigureAwait(false))
        {
            return await handler.HandleAsync(name, content, cancellationToken).ConfigureAwait(false);
        }
    }
}
