using System.Globalization;
using System.Text.Json.Nodes;

namespace Alerts.Cli;

/// <summary>Reads results from a running app's API (the function app, or <c>alerts run</c> on localhost:7071).</summary>
internal sealed class ApiResultsClient : IResultsClient
{
    private readonly HttpClient _http;

    public ApiResultsClient(Uri baseUrl, string? functionKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }
    }

    public Task<(int Status, JsonNode? Body)> ListArticlesAsync(int? limit, string? status, string? continuation, CancellationToken cancellationToken) =>
        GetAsync(ResultsQuery.Build("articles", ("limit", Text(limit)), ("status", status), ("continuation", continuation)), cancellationToken);

    public Task<(int Status, JsonNode? Body)> GetArticleAsync(string id, CancellationToken cancellationToken) =>
        GetAsync($"articles/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<(int Status, JsonNode? Body)> ListRuleMatchesAsync(string ruleId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? continuation, CancellationToken cancellationToken) =>
        GetAsync(ResultsQuery.Build($"rules/{Uri.EscapeDataString(ruleId)}/matches", ("from", ResultsQuery.Time(from)), ("to", ResultsQuery.Time(to)),
            ("limit", Text(limit)), ("continuation", continuation)), cancellationToken);

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private async Task<(int, JsonNode?)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create(text);
            }
        }
        return ((int)response.StatusCode, body);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
