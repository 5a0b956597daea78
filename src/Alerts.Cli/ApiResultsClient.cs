using System.Globalization;
using System.Text.Json.Nodes;

namespace Alerts.Cli;

/// <summary>Reads results from a running app's API (the function app, or <c>alerts run</c> on localhost:7071).</summary>
internal sealed class ApiResultsClient : IResultsClient
{
    private readonly ApiConnection _api;

    public ApiResultsClient(Uri baseUrl, string? functionKey) => _api = new ApiConnection(baseUrl, functionKey);

    public Task<(int Status, JsonNode? Body)> ListArticlesAsync(int? limit, string? status, string? continuation, CancellationToken cancellationToken) =>
        GetAsync(ResultsQuery.Build("articles", ("limit", Text(limit)), ("status", status), ("continuation", continuation)), cancellationToken);

    public Task<(int Status, JsonNode? Body)> GetArticleAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"articles/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<(int Status, JsonNode? Body)> ListRuleMatchesAsync(string ruleId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? continuation, CancellationToken cancellationToken) =>
        GetAsync(ResultsQuery.Build($"rules/{Uri.EscapeDataString(ruleId)}/matches", ("from", ResultsQuery.Time(from)), ("to", ResultsQuery.Time(to)),
            ("limit", Text(limit)), ("continuation", continuation)), cancellationToken);

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private Task<(int Status, JsonNode? Body)> GetAsync(string path, CancellationToken cancellationToken) =>
        _api.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        return ValueTask.CompletedTask;
    }
}
