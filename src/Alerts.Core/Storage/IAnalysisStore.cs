using Alerts.Analysis;
using Alerts.Rules;

namespace Alerts.Storage;

/// <summary>
/// Where analyses, matches and upload statuses are kept. Every write is idempotent. Matches of subscribers' own
/// queries (<see cref="ArticleAnalysis.QueryMatches"/>) are kept apart from the shared analysis and match rows.
/// </summary>
public interface IAnalysisStore
{
    /// <summary>The shared analysis, without <see cref="ArticleAnalysis.QueryMatches"/>.</summary>
    Task<ArticleAnalysis?> GetAnalysisAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>The matches of subscribers' queries for one article, kept apart from its analysis.</summary>
    Task<IReadOnlyList<RuleMatch>> GetQueryMatchesAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Stores the analysis and, apart, its query matches unless one for the same article exists; returns false if it did.</summary>
    Task<bool> TryAddAnalysisAsync(ArticleAnalysis analysis, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a row per match (query matches in their own index); returns the catalogue matches that were not stored
    /// before.
    /// </summary>
    Task<IReadOnlyList<RuleMatch>> AddMatchesAsync(ArticleAnalysis analysis, CancellationToken cancellationToken);

    /// <summary>
    /// The matches of one rule (or one subscriber's query) stored with a match time in
    /// [<paramref name="windowStart"/>, <paramref name="windowEnd"/>).
    /// </summary>
    Task<IReadOnlyList<RuleMatchRef>> GetRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken);

    Task<UploadRecord?> GetUploadAsync(string name, CancellationToken cancellationToken);

    Task SetUploadAsync(UploadRecord record, CancellationToken cancellationToken);
}
