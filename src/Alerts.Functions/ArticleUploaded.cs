using Alerts.Hosting;
using Alerts.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Analyses each file uploaded to the <c>articles</c> container.</summary>
public sealed class ArticleUploaded(ArticleUploadHandler handler)
{
    // In Azure, Event Grid pushes blob-created events (seconds, no polling); the connection is the AlertsStorage setting.
    [Function(nameof(ArticleUploaded))]
    public async Task RunAsync(
        [BlobTrigger(StorageNames.ArticlesContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] Stream content,
        string name,
        CancellationToken cancellationToken) =>
        await handler.HandleAsync(name, content, cancellationToken).ConfigureAwait(false);
}
