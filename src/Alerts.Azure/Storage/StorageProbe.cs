using Alerts.Health;
using Azure;
using Azure.Storage.Blobs;

namespace Alerts.Storage;

/// <summary>
/// The health route's storage check: reads the <c>articles</c> container's properties with the app's own credential
/// (a data-plane read its role allows). Reports the HTTP status of a refusal, never the account or the message.
/// </summary>
public sealed class StorageProbe(BlobServiceClient blobs) : IDependencyProbe
{
    public string Name => "storage";

    public bool Required => true;

    public async Task<DependencyHealth> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var exists = await blobs.GetBlobContainerClient(StorageNames.ArticlesContainer).ExistsAsync(cancellationToken).ConfigureAwait(false);
            // The account answered; a missing container is created when the pipeline's host starts.
            return DependencyHealth.Reachable(exists.Value ? null : $"no '{StorageNames.ArticlesContainer}' container yet");
        }
        catch (RequestFailedException failure) when (failure.Status > 0)
        {
            return DependencyHealth.Unreachable($"HTTP {failure.Status}");
        }
    }
}
