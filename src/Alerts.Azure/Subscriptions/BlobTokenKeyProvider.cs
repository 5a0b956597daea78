using System.Security.Cryptography;
using Alerts.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.Subscriptions;

/// <summary>
/// Keeps the token key in the app's own storage (<c>keys/subscription-tokens.key</c>), made on first use: no secret
/// in settings, readable only by the app's identity. The first instance to write it wins; the others read that one.
/// </summary>
public sealed class BlobTokenKeyProvider(BlobServiceClient blobs) : ITokenKeyProvider
{
    private const string BlobName = "subscription-tokens.key";
    private Task<byte[]>? _key;

    public Task<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        var key = Volatile.Read(ref _key);
        if (key is null || key.IsFaulted || key.IsCanceled)
        {
            key = LoadOrCreateAsync();
            Volatile.Write(ref _key, key);
        }
        return key.WaitAsync(cancellationToken);
    }

    private async Task<byte[]> LoadOrCreateAsync()
    {
        var container = blobs.GetBlobContainerClient(StorageNames.KeysContainer);
        await container.CreateIfNotExistsAsync().ConfigureAwait(false);
        var blob = container.GetBlobClient(BlobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(RandomNumberGenerator.GetBytes(32)),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another instance made it first.
        }
        var content = await blob.DownloadContentAsync().ConfigureAwait(false);
        return content.Value.Content.ToArray();
    }
}
