using System.Collections.Concurrent;
using Alerts.Analysis;
using Alerts.Rules;
using Alerts.Storage;

namespace Alerts.Tests.Functions;

/// <summary>The analysis store in memory, with the Azure store's rules: first analysis wins, a match is new once.</summary>
internal sealed class InMemoryAnalysisStore : IAnalysisStore
{
    private readonly ConcurrentDictionary<string, ArticleAnalysis> _analyses = new();
    private readonly ConcurrentDictionary<(string ArticleId, string Rule), DateTimeOffset> _matches = new();
    private readonly ConcurrentDictionary<string, UploadRecord> _uploads = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<RuleMatch>> _queryMatches = new();

    public IReadOnlyCollection<ArticleAnalysis> Analyses => [.. _analyses.Values];

    public Task<ArticleAnalysis?> GetAnalysisAsync(string articleId, CancellationToken cancellationToken) =>
        Task.FromResult(_analyses.GetValueOrDefault(articleId));

    public Task<IReadOnlyList<RuleMatch>> GetQueryMatchesAsync(string articleId, CancellationToken cancellationToken) =>
        Task.FromResult(_queryMatches.GetValueOrDefault(articleId) ?? []);

    public Task<bool> TryAddAnalysisAsync(ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        _queryMatches.TryAdd(analysis.Article.Id, analysis.QueryMatches);
        return Task.FromResult(_analyses.TryAdd(analysis.Article.Id, analysis with { QueryMatches = [] }));
    }

    public Task<IReadOnlyList<RuleMatch>> AddMatchesAsync(ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        foreach (var m in analysis.QueryMatches)
        {
            _matches.TryAdd((analysis.Article.Id, m.Rule), analysis.AnalyzedAt);
        }
        return Task.FromResult<IReadOnlyList<RuleMatch>>([.. analysis.Matches.Where(m => _matches.TryAdd((analysis.Article.Id, m.Rule), analysis.AnalyzedAt))]);
    }

    public Task<IReadOnlyList<RuleMatchRef>> GetRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RuleMatchRef>>([.. _matches
            .Where(m => m.Key.Rule == ruleId && m.Value >= windowStart && m.Value < windowEnd)
            .Select(m => new RuleMatchRef(m.Key.Rule, m.Key.ArticleId, m.Value))]);

    public Task<UploadRecord?> GetUploadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_uploads.GetValueOrDefault(name));

    public Task SetUploadAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        _uploads[record.Name] = record;
        return Task.CompletedTask;
    }
}
