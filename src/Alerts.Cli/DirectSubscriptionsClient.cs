using System.Text.Json;
using System.Text.Json.Nodes;
using Alerts.Analysis;
using Alerts.Api;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Cli;

/// <summary>Runs the API's own handlers in this process, against the configured storage: no app needs to be running.</summary>
internal sealed class DirectSubscriptionsClient(ServiceProvider services) : ISubscriptionsClient
{
    private readonly SubscriptionApi _api = services.GetRequiredService<SubscriptionApi>();

    public async Task<(int Status, JsonNode? Body)> CreateAsync(SubscriptionRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, AlertsJson.Options));
        return Convert(await _api.CreateAsync(body, cancellationToken).ConfigureAwait(false));
    }

    public async Task<(int Status, JsonNode? Body)> ListAsync(string? status, CancellationToken cancellationToken) =>
        Convert(await _api.ListAsync(status, cancellationToken).ConfigureAwait(false));

    public async Task<(int Status, JsonNode? Body)> GetAsync(string id, CancellationToken cancellationToken) =>
        Convert(await _api.GetAsync(id, cancellationToken).ConfigureAwait(false));

    public async Task<(int Status, JsonNode? Body)> DeleteAsync(string id, CancellationToken cancellationToken) =>
        Convert(await _api.DeleteAsync(id, cancellationToken).ConfigureAwait(false));

    public async Task<(int Status, JsonNode? Body)> SendDigestNowAsync(string id, CancellationToken cancellationToken) =>
        Convert(await _api.SendDigestNowAsync(id, cancellationToken).ConfigureAwait(false));

    private static (int, JsonNode?) Convert(ApiResponse response) =>
        (response.Status, response.Json is null ? null : JsonSerializer.SerializeToNode(response.Json, AlertsJson.Options));

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
