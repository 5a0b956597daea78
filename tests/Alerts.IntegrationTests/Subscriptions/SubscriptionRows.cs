using System.Net.Http.Json;
using System.Text.Json;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>Subscriptions put straight into the store, and reading them back, for tests about what happens to them next.</summary>
internal static class SubscriptionRows
{
    /// <summary>An active daily webhook subscription (as after its handshake).</summary>
    public static async Task<Subscription> AddActiveAsync(IServiceProvider services, string? target = null, Channel channel = Channel.Webhook)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var subscription = new Subscription
        {
            Id = SubscriptionIds.New(),
            Channel = channel,
            Target = target ?? $"https://receiver-{Guid.NewGuid():N}.example.org/hook",
            Rules = ["state-of-emergency"],
            Cadence = new Cadence(CadenceKind.Daily),
            Status = SubscriptionStatus.Active,
            CreatedAt = now,
            ConfirmedAt = now,
            SigningSecret = channel == Channel.Webhook ? "whsec_dGVzdC1zZWNyZXQtb2YtMzItYnl0ZXMtbG9uZyEhISE=" : null,
        };
        await services.GetRequiredService<ISubscriptionStore>().AddAsync(subscription, CancellationToken.None);
        return subscription;
    }

    public static async Task<SubscriptionStatus> StatusAsync(IServiceProvider services, string id) =>
        (await services.GetRequiredService<ISubscriptionStore>().GetAsync(id, CancellationToken.None))!.Status;

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();
}
