using Alerts.Analysis;
using Alerts.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>Analyses each file uploaded to the <c>articles</c> container.</summary>
public sealed class ArticleUploaded(ArticleProcessor processor)
{
    // In Azure, Event Grid pushes blob-created events (seconds, no polling); the connection is the AlertsStorage setting.
    [Function(nameof(ArticleUploaded))]
    public async Task RunAsync(
        [BlobTrigger(StorageNames.ArticlesContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageNames.Connection)] Stream content,
        string name,
        CancellationToken cancellationToken)
    {
        // A refused upload is recorded by the processor and returns normally: retrying it would only fail again.
        await processor.ProcessAsync(name, content, cancellationToken).ConfigureAwait(false);
    }
}
