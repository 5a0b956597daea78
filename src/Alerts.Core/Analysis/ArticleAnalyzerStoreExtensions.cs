using Alerts.Articles;
using Alerts.Storage;

namespace Alerts.Analysis;

internal static class ArticleAnalyzerStoreExtensions
{
    /// <summary>
    /// Returns the stored analysis of the same story if there is one (a repeat or a re-upload under another name),
    /// so a story is analysed, and its matches dated, once.
    /// </summary>
    public static async Task<ArticleAnalysis> GetOrAnalyzeAsync(this ArticleAnalyzer analyzer, IAnalysisStore store, Article article, CancellationToken cancellationToken)
    {
        var stored = await store.GetAnalysisAsync(article.Id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }
        var analysis = await analyzer.AnalyzeAsync(article, cancellationToken).ConfigureAwait(false);
        if (await store.TryAddAnalysisAsync(analysis, cancellationToken).ConfigureAwait(false))
        {
            return analysis;
        }
        // Another instance stored it first: theirs is the record.
        return await store.GetAnalysisAsync(article.Id, cancellationToken).ConfigureAwait(false) ?? analysis;
    }
}
