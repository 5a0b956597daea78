using Alerts.Articles;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Subscriptions;
using Alerts.Telemetry;

namespace Alerts.Analysis;

/// <summary>Extracts entities from a parsed article and matches it against the watch rules.</summary>
public sealed class ArticleAnalyzer(IEntityExtractor extractor, RuleCatalog rules, TimeProvider time)
{
    public async Task<ArticleAnalysis> AnalyzeAsync(Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        EntityExtraction extraction;
        using (var extract = AlertsTelemetry.Source.StartActivity("extract"))
        {
            extraction = await extractor.ExtractAsync(article.Body, article.Language, cancellationToken).ConfigureAwait(false);
            extract?.SetTag("alerts.extractor", extraction.Extractor);
            extract?.SetTag("alerts.entities", extraction.Entities.Count);
        }
        return Complete(article, extraction, await rules.GetMatcherAsync(cancellationToken).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Analyses several articles, letting the extractor batch its calls.</summary>
    public async Task<IReadOnlyList<ArticleAnalysis>> AnalyzeBatchAsync(IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (articles.Count == 0)
        {
            return [];
        }
        var language = articles[0].Language;
        if (articles.Any(a => a.Language != language))
        {
            var single = new List<ArticleAnalysis>(articles.Count);
            foreach (var article in articles)
            {
                single.Add(await AnalyzeAsync(article, cancellationToken).ConfigureAwait(false));
            }
            return single;
        }
        IReadOnlyList<EntityExtraction> extractions;
        using (var extract = AlertsTelemetry.Source.StartActivity("extract"))
        {
            extract?.SetTag("alerts.articles", articles.Count);
            extractions = await extractor.ExtractBatchAsync([.. articles.Select(a => a.Body)], language, cancellationToken).ConfigureAwait(false);
        }
        var matcher = await rules.GetMatcherAsync(cancellationToken).ConfigureAwait(false);
        return [.. articles.Select((a, i) => Complete(a, extractions[i], matcher, cancellationToken))];
    }

    private ArticleAnalysis Complete(Article article, EntityExtraction extraction, RuleMatcher matcher, CancellationToken cancellationToken)
    {
        var warnings = new List<string>(extraction.Warnings);
        using var match = AlertsTelemetry.Source.StartActivity("match");
        var matches = matcher.Match(article, extraction.Entities, warnings, cancellationToken);
        // A count only: query rule ids stand for subscribers' own queries.
        match?.SetTag("alerts.matches", matches.Count);
        return new()
        {
            Article = article,
            Entities = extraction.Entities,
            Matches = [.. matches.Where(m => !QueryRuleIds.IsQueryRule(m.Rule))],
            QueryMatches = [.. matches.Where(m => QueryRuleIds.IsQueryRule(m.Rule))],
            Extractor = extraction.Extractor,
            TextRecords = extraction.TextRecords,
            // A warning names its rule: a subscriber's query stays out of the shared analysis.
            Warnings = [.. warnings.Where(w => !w.Contains("'" + QueryRuleIds.Prefix, StringComparison.Ordinal))],
            AnalyzedAt = time.GetUtcNow(),
        };
    }
}
