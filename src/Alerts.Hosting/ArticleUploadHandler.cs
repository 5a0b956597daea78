using System.Diagnostics;
using Alerts.Analysis;
using Alerts.Storage;
using Alerts.Telemetry;

namespace Alerts.Hosting;

/// <summary>
/// The blob trigger of both hosts: a file in <see cref="StorageNames.ArticlesContainer"/>. A refused upload is
/// recorded by the processor and returns normally (a retry would fail again); anything else that throws is retried.
/// The <c>upload</c> span it starts is the root of the article's trace, through analysis to every delivery.
/// An extractor configuration error (<see cref="Alerts.Entities.ExtractorConfigurationException"/>, e.g. Azure AI
/// Language answering 401) is recorded on the upload and thrown: the trigger retries the blob and, after its
/// retries (<c>poisonBlobThreshold</c>), writes it to the <c>webjobs-blobtrigger-poison</c> queue.
/// </summary>
public sealed class ArticleUploadHandler(ArticleProcessor processor)
{
    public async Task<ProcessingResult> HandleAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        using var activity = AlertsTelemetry.Source.StartActivity("upload", ActivityKind.Consumer);
        activity?.SetTag("alerts.container", StorageNames.ArticlesContainer);
        activity?.SetTag("alerts.upload", name);
        try
        {
            return await processor.ProcessAsync(name, content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            AlertsTelemetry.Failed(activity, ex);
            throw;
        }
    }
}
