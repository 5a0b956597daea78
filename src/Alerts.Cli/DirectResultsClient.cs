using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>Runs the results API's own handlers in this process, against the configured storage: no app needs to be running.</summary>
internal sealed class DirectResultsClient(ServiceProvider services) : IResultsClient
{
    private readonly ResultsApi _api = services.GetRequiredService<ResultsApi>();

    public async Task<(int Status, JsonNode? Body)> ListArticlesAsync(int? limit, string? status, string? continuation, CancellationToken cancellationToken) =>
        Convert(await _api.ListArticlesAsync(Text(limit), status, continuation, cancellationToken).ConfigureAwait(false));

    public async Task<(int Status, JsonNode? Body)> GetArticleAsync(string id, CancellationToken cancellationToken) =>
        Convert(await _api.GetArticleAsync(id, cancellationToken).ConfigureAwait(false));

    public async Task<(int Status, JsonNode? Body)> ListRuleMatchesAsync(string ruleId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? continuation, CancellationToken cancellationToken) =>
        Convert(await _api.ListRuleMatchesAsync(ruleId, ResultsQuery.Time(from), ResultsQuery.Time(to), Text(limit), continuation, cancellationToken).ConfigureAwait(false));

    private static string? Text(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    private static (int, JsonNode?) Convert(ApiResponse response) =>
        (response.Status, response.Json is null ? null : JsonSerializer.SerializeToNode(response.Json, AlertsJson.Options));

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
