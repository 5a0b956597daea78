using System.Text.Json.Nodes;
using Alerts.Subscriptions;

namespace Alerts.Cli;

/// <summary>The subscription API, reached over HTTP (a running app) or in-process (straight to storage).</summary>
internal interface ISubscriptionsClient : IAsyncDisposable
{
    Task<(int Status, JsonNode? Body)> CreateAsync(SubscriptionRequest request, CancellationToken cancellationToken);

    Task<(int Status, JsonNode? Body)> ListAsync(string? status, CancellationToken cancellationToken);

    Task<(int Status, JsonNode? Body)> GetAsync(string id, CancellationToken cancellationToken);

    Task<(int Status, JsonNode? Body)> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>Closes the subscription's digest window now and sends it.</summary>
    Task<(int Status, JsonNode? Body)> SendDigestNowAsync(string id, CancellationToken cancellationToken);
}
