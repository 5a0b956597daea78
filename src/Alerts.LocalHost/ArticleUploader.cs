using Alerts.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.LocalHost;

/// <summary>Puts article files into the <c>articles</c> container, as an upload would in Azure.</summary>
public sealed class ArticleUploader(BlobServiceClient blobs)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(StorageNames.ArticlesContainer);

    public async Task<string> UploadAsync(string path, string? blobName, CancellationToken cancellationToken)
    {
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var name = blobName ?? Path.GetFileName(path);
        await using var content = File.OpenRead(path);
        await _container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentType(path) },
        }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".HTML" or ".HTM" => "text/html",
        ".JSON" => "application/json",
        ".MD" or ".MARKDOWN" => "text/markdown",
        _ => "text/plain",
    };
}
