using Alerts.Articles;
using Alerts.Storage;

namespace Alerts.Analysis;

internal static class ArticleAnalyzerStoreExtensions
{
    /// <summary>
    /// Returns the stored analysis of the same story if there is one (a repeat or a re-upload under another name),
    /// so a story is analysed, and its matches dated, once.
    /// </summary>
    /// <param name="budget">Bounds the analysis itself, not the storage calls around it.</param>
    public static async Task<ArticleAnalysis> GetOrAnalyzeAsync(this ArticleAnalyzer analyzer, IAnalysisStore store, Article article, AnalysisBudget budget, CancellationToken cancellationToken)
    {
        var stored = await store.GetAnalysisAsync(article.Id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return stored;
        }
        var analysis = await budget.RunAsync(token => analyzer.AnalyzeAsync(article, token)).ConfigureAwait(false);
        if (await store.TryAddAnalysisAsync(analysis, cancellationToken).ConfigureAwait(false))
        {
            return analysis;
        }
        // Another instance stored it first: theirs is the record.
        return await store.GetAnalysisAsync(article.Id, cancellationToken).ConfigureAwait(false) ?? analysis;
    }
}
