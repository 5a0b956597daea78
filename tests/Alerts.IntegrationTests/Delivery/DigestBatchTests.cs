using Alerts.Delivery;
using Alerts.Hosting;
using Alerts.Storage;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>Digests fanned out through the digest-batches queue on a real Azurite: each subscriber gets its digest once.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class DigestBatchTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task The_timer_queues_batches_and_each_batch_delivered_twice_at_once_sends_every_digest_once()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(20) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel], new Dictionary<string, string?> { ["Alerts:Digests:BatchSize"] = "10" });
        var subs = new List<Subscription>();
        for (var i = 0; i < 25; i++)
        {
            subs.Add(await h.SubscribeAsync(Channel.Webhook, $"https://receiver{i}.example/hook", CadenceKind.Hourly, "state-of-emergency"));
        }
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var queue = azurite.Queues.GetQueueClient(StorageNames.DigestBatchQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
        var fanOut = await h.Services.GetRequiredService<DigestTimerHandler>().HandleAsync(CancellationToken.None);
        Assert.Equal(new DigestFanOut(25, 3), fanOut);

        var handler = h.Services.GetRequiredService<DigestBatchHandler>();
        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        Assert.Equal(3, messages.Length);
        // Every message handled by two instances at once, as an at-least-once queue may do.
        await Task.WhenAll(messages.SelectMany(m => new[]
        {
            handler.HandleAsync(m.Body.ToString(), m.MessageId, m.DequeueCount, CancellationToken.None),
            handler.HandleAsync(m.Body.ToString(), m.MessageId, m.DequeueCount + 1, CancellationToken.None),
        }));

        Assert.Equal(subs.Select(s => s.Id).Order(), channel.Sends.Select(d => d.SubscriptionId).Order());
        foreach (var sub in subs)
        {
            var stored = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
            Assert.NotNull(stored?.DeliveredUntil);
        }
    }

    [Fact]
    public async Task A_batch_naming_a_subscriber_who_left_after_the_timer_ran_sends_them_nothing()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var stays = await h.SubscribeAsync(Channel.Webhook, "https://stays.example/hook", CadenceKind.Hourly, "state-of-emergency");
        var leaves = await h.SubscribeAsync(Channel.Webhook, "https://leaves.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var batches = new List<DigestBatch>();
        await foreach (var b in h.Delivery.PlanBatchesAsync(CancellationToken.None))
        {
            batches.Add(b);
        }
        await h.Subscriptions.UpdateAsync(leaves.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
        foreach (var b in batches)
        {
            await h.Delivery.RunBatchAsync(b, CancellationToken.None);
        }

        Assert.Equal(stays.Id, Assert.Single(channel.Sends).SubscriptionId);
    }

    [Fact]
    public async Task A_batch_of_ids_out_of_order_and_far_apart_sends_each_subscriber_once_and_skips_an_unknown_id()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var subs = new List<Subscription>();
        for (var i = 0; i < 3; i++)
        {
            subs.Add(await h.SubscribeAsync(Channel.Webhook, $"https://receiver{i}.example/hook", CadenceKind.Hourly, "state-of-emergency"));
        }
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        // Not as the timer lists them: reversed, with the lowest and highest possible ids around them (a range read
        // over the whole table, cut short), one of which names nobody.
        var ids = subs.Select(s => s.Id).Order(StringComparer.Ordinal).Reverse().Prepend("s" + new string('z', 20)).Append("s" + new string('2', 20)).ToList();
        await h.Delivery.RunBatchAsync(new DigestBatch(ids), CancellationToken.None);

        Assert.Equal(subs.Select(s => s.Id).Order(), channel.Sends.Select(d => d.SubscriptionId).Order());
    }
}
