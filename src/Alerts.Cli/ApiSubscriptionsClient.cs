using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alerts.Analysis;
using Alerts.Subscriptions;

namespace Alerts.Cli;

/// <summary>Talks to a running app's API (the function app, or <c>alerts run</c> on localhost:7071).</summary>
internal sealed class ApiSubscriptionsClient : ISubscriptionsClient
{
    private readonly HttpClient _http;

    public ApiSubscriptionsClient(Uri baseUrl, string? functionKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }
    }

    public Task<(int Status, JsonNode? Body)> CreateAsync(SubscriptionRequest request, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "subscriptions") { Content = JsonContent.Create(request, options: AlertsJson.Options) }, cancellationToken);

    public Task<(int Status, JsonNode? Body)> ListAsync(string? status, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, status is null ? "subscriptions" : $"subscriptions?status={Uri.EscapeDataString(status)}"), cancellationToken);

    public Task<(int Status, JsonNode? Body)> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"subscriptions/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task<(int Status, JsonNode? Body)> DeleteAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"subscriptions/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task<(int Status, JsonNode? Body)> SendDigestNowAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"subscriptions/{Uri.EscapeDataString(id)}/send-digest"), cancellationToken);

    private async Task<(int, JsonNode?)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
