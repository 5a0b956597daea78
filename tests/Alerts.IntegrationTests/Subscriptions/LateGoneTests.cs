using Alerts.Api;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>A receiver that answers 410 Gone after its subscriber unsubscribed must not bring the subscription back.</summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class LateGoneTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_410_arriving_after_the_unsubscribe_leaves_it_unsubscribed_and_a_patch_cannot_revive_it()
    {
        var channel = new OutcomeChannel();
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var subscription = await SubscriptionRows.AddActiveAsync(h.Services);
        var digestId = await channel.AddDigestAsync(h.Ledger, subscription, DeliveryOutcome.Gone("410 Gone"), h.Clock.GetUtcNow());
        // The subscriber unsubscribes while the digest is on its way; then the receiver answers 410.
        channel.WhileSending[digestId] = async () => Assert.Equal(204, (await api.DeleteAsync(subscription.Id, CancellationToken.None)).Status);

        Assert.Equal(DeliveryResult.Gone, await h.Delivery.RedeliverAsync(subscription.Id, digestId, CancellationToken.None));
        Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(h.Services, subscription.Id));

        var patch = await api.PatchAsync(subscription.Id, new MemoryStream("{\"status\":\"active\"}"u8.ToArray()), CancellationToken.None);
        Assert.Equal(404, patch.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, await SubscriptionRows.StatusAsync(h.Services, subscription.Id));
    }

    [Fact]
    public async Task A_410_for_an_active_subscription_still_pauses_it_and_the_subscriber_can_resume()
    {
        var channel = new OutcomeChannel();
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var subscription = await SubscriptionRows.AddActiveAsync(h.Services);
        var digestId = await channel.AddDigestAsync(h.Ledger, subscription, DeliveryOutcome.Gone("410 Gone"), h.Clock.GetUtcNow());

        await h.Delivery.RedeliverAsync(subscription.Id, digestId, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Paused, await SubscriptionRows.StatusAsync(h.Services, subscription.Id));

        Assert.Equal(200, (await api.PatchAsync(subscription.Id, new MemoryStream("{\"status\":\"active\"}"u8.ToArray()), CancellationToken.None)).Status);
        Assert.Equal(SubscriptionStatus.Active, await SubscriptionRows.StatusAsync(h.Services, subscription.Id));
        await api.DeleteAsync(subscription.Id, CancellationToken.None);
    }
}
