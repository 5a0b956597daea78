using Alerts.Analysis;
using Alerts.Storage;

namespace Alerts.Hosting;

/// <summary>
/// The blob trigger of both hosts: a file in <see cref="StorageNames.ArticlesContainer"/>. A refused upload is
/// recorded by the processor and returns normally (a retry would fail again); anything else that throws is retried.
/// An extractor configuration error (<see cref="Alerts.Entities.ExtractorConfigurationException"/>, e.g. Azure AI
/// Language answering 401) is recorded on the upload and thrown: the trigger retries the blob and, after its
/// retries (<c>poisonBlobThreshold</c>), writes it to the <c>webjobs-blobtrigger-poison</c> queue.
/// </summary>
public sealed class ArticleUploadHandler(ArticleProcessor processor)
{
    public Task<ProcessingResult> HandleAsync(string name, Stream content, CancellationToken cancellationToken) =>
        processor.ProcessAsync(name, content, cancellationToken);
}
