using System.Text.Json.Nodes;

namespace Alerts.Cli;

/// <summary>The results API (what the pipeline did), reached over HTTP (a running app) or in-process (straight to storage).</summary>
internal interface IResultsClient : IAsyncDisposable
{
    Task<(int Status, JsonNode? Body)> ListArticlesAsync(int? limit, string? status, string? continuation, CancellationToken cancellationToken);

    Task<(int Status, JsonNode? Body)> GetArticleAsync(string id, CancellationToken cancellationToken);

    Task<(int Status, JsonNode? Body)> ListRuleMatchesAsync(string ruleId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? continuation, CancellationToken cancellationToken);
}
