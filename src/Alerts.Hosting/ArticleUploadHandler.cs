using Alerts.Analysis;
using Alerts.Storage;

namespace Alerts.Hosting;

/// <summary>
/// The blob trigger of both hosts: a file in <see cref="StorageNames.ArticlesContainer"/>. A refused upload is
/// recorded by the processor and returns normally (a retry would fail again); anything else that throws is retried.
/// </summary>
public sealed class ArticleUploadHandler(ArticleProcessor processor)
{
    public Task<ProcessingResult> HandleAsync(string name, Stream content, CancellationToken cancellationToken) =>
        processor.ProcessAsync(name, content, cancellationToken);
}
