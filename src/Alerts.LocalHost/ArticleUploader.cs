using Alerts.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;

namespace Alerts.LocalHost;

/// <summary>
/// Puts article files into the <c>articles</c> container, as an upload would in Azure, and names each one on the
/// <c>article-uploads</c> queue: the local host's blob scan can skip a blob, a queue message is not lost.
/// </summary>
public sealed class ArticleUploader(BlobServiceClient blobs, QueueServiceClient queues)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);
    private readonly QueueClient _queue = queues.GetQueueClient(LocalQueues.ArticleUploads);
    private volatile bool _exists;

    public async Task<string> UploadAsync(string path, string? blobName, CancellationToken cancellationToken)
    {
        var name = blobName ?? Path.GetFileName(path);
        try
        {
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await PutAsync(path, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The container or queue went away (storage lost it): create them again, once.
            _exists = false;
            await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await PutAsync(path, name, cancellationToken).ConfigureAwait(false);
        }
        return name;
    }

    private async Task PutAsync(string path, string name, CancellationToken cancellationToken)
    {
        await using (var content = File.OpenRead(path))
        {
            await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = ContentType(path) },
                // Tells the blob scan the queue owns this one: it is analysed once, not found and read twice.
                Metadata = LocalQueues.QueuedMetadata(),
            }, cancellationToken).ConfigureAwait(false);
        }
        // After the blob: a message never names a blob that is not there yet. If this send fails, the local host's
        // reconciliation still finds the blob (the blob scan leaves it, as its metadata says queued).
        await _queue.SendMessageAsync(name, cancellationToken).ConfigureAwait(false);
    }

    // Creating twice at once is harmless (both calls are idempotent), so no lock.
    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_exists)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            _exists = true;
        }
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".HTML" or ".HTM" => "text/html",
        ".JSON" => "application/json",
        ".MD" or ".MARKDOWN" => "text/markdown",
        ".PDF" => "application/pdf",
        ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "text/plain",
    };
}
