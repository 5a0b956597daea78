using Alerts.Analysis;
using Alerts.Rules;

namespace Alerts.Storage;

/// <summary>Where analyses, matches and upload statuses are kept. Every write is idempotent.</summary>
public interface IAnalysisStore
{
    Task<ArticleAnalysis?> GetAnalysisAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>Stores the analysis unless one for the same article exists; returns false if it did.</summary>
    Task<bool> TryAddAnalysisAsync(ArticleAnalysis analysis, CancellationToken cancellationToken);

    /// <summary>Stores a row per match; returns the matches that were not stored before (for immediate alerts).</summary>
    Task<IReadOnlyList<RuleMatch>> AddMatchesAsync(ArticleAnalysis analysis, CancellationToken cancellationToken);

    /// <summary>The matches of one rule stored with a match time in [<paramref name="windowStart"/>, <paramref name="windowEnd"/>).</summary>
    Task<IReadOnlyList<RuleMatchRef>> GetRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken);

    Task<UploadRecord?> GetUploadAsync(string name, CancellationToken cancellationToken);

    Task SetUploadAsync(UploadRecord record, CancellationToken cancellationToken);
}
