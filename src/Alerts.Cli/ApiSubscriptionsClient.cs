using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Alerts.Analysis;
using Alerts.Subscriptions;

namespace Alerts.Cli;

/// <summary>Talks to a running app's API (the function app, or <c>alerts run</c> on localhost:7071).</summary>
internal sealed class ApiSubscriptionsClient : ISubscriptionsClient
{
    private readonly ApiConnection _api;

    public ApiSubscriptionsClient(Uri baseUrl, string? functionKey) => _api = new ApiConnection(baseUrl, functionKey);

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

    private Task<(int Status, JsonNode? Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _api.SendAsync(request, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _api.Dispose();
        return ValueTask.CompletedTask;
    }
}
