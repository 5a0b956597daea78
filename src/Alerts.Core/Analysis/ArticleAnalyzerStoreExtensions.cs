using Alerts.Articles;
using Alerts.Storage;
using Alerts.Stories;

namespace Alerts.Analysis;

public static class ArticleAnalyzerStoreExtensions
{
    /// <summary>
    /// Returns the stored analysis of the same story if there is one (a repeat or a re-upload under another name),
    /// so a story is analysed, and its matches dated, once.
    /// </summary>
    /// <param name="budget">Bounds the analysis itself, not the storage calls around it.</param>
    /// <param name="stories">Records the story a new analysis copies, before it is stored; none leaves every article its own story.</param>
    internal static async Task<ArticleAnalysis> GetOrAnalyzeAsync(this ArticleAnalyzer analyzer, IAnalysisStore store, Article article, AnalysisBudget budget, StoryFolder? stories, CancellationToken cancellationToken)
    {
        if (await store.GetStoredAsync(article.Id, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return stored;
        }
        var analysis = await budget.RunAsync(token => analyzer.AnalyzeAsync(article, token)).ConfigureAwait(false);
        if (stories is not null)
        {
            analysis = await stories.FoldAsync(analysis, cancellationToken).ConfigureAwait(false);
        }
        if (await store.TryAddAnalysisAsync(analysis, cancellationToken).ConfigureAwait(false))
        {
            return analysis;
        }
        // Another instance stored it first: theirs is the record.
        return await store.GetStoredAsync(article.Id, cancellationToken).ConfigureAwait(false) ?? analysis;
    }

    /// <summary>The stored analysis with its query matches, which are kept apart.</summary>
    public static async Task<ArticleAnalysis?> GetStoredAsync(this IAnalysisStore store, string articleId, CancellationToken cancellationToken)
    {
        var stored = await store.GetAnalysisAsync(articleId, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : stored with { QueryMatches = await store.GetQueryMatchesAsync(articleId, cancellationToken).ConfigureAwait(false) };
    }
}
