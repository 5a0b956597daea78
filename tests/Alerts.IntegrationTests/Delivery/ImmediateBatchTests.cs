using System.Collections.Concurrent;
using System.Text.Json;
using Alerts.Delivery;
using Alerts.Hosting;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>
/// A rule with more immediate subscribers than one message sends to: the first message queues the rest in batches
/// (<c>immediate-batches</c>), on a real Azurite. Each subscriber gets one alert however often a message is delivered,
/// and one who leaves between the fan-out and the send gets none.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ImmediateBatchTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task Twenty_three_subscribers_in_batches_of_five_each_get_one_alert_when_every_message_is_delivered_twice_at_once()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(10) };
        var queued = new CapturingBatches();
        await using var h = await StartAsync(channel, queued);
        var subs = new List<Subscription>();
        for (var i = 0; i < 23; i++)
        {
            subs.Add(await h.SubscribeAsync(Channel.Webhook, $"https://receiver{i}.example/hook", CadenceKind.Immediate, "state-of-emergency"));
        }
        var article = (await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency))).Analysis!.Article.Id;

        // The first message delivered twice at once: both fan out, each sends the first batch itself.
        var first = await Task.WhenAll(
            h.Delivery.DeliverImmediateAsync(article, ["state-of-emergency"], CancellationToken.None),
            h.Delivery.DeliverImmediateAsync(article, ["state-of-emergency"], CancellationToken.None));
        Assert.Equal(5, first.Sum());
        Assert.Equal(2 * 4, queued.Batches.Count);
        Assert.All(queued.Batches, b => Assert.InRange(b.Subscribers.Count, 3, 5));

        // Every queued batch handled twice at once, as an at-least-once queue may do.
        var handler = h.Services.GetRequiredService<ImmediateBatchHandler>();
        var bodies = queued.Batches.Select(b => JsonSerializer.Serialize(b, AlertsJson.Options)).ToList();
        await Task.WhenAll(bodies.SelectMany((body, i) => new[]
        {
            handler.HandleAsync(body, $"m{i}", 1, CancellationToken.None),
            handler.HandleAsync(body, $"m{i}", 2, CancellationToken.None),
        }));

        Assert.Equal(subs.Select(s => s.Id).Order(), channel.Sends.Select(d => d.SubscriptionId).Order());
    }

    [Fact]
    public async Task A_subscriber_who_unsubscribes_after_the_fan_out_gets_nothing_and_the_others_get_theirs()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        var queued = new CapturingBatches();
        await using var h = await StartAsync(channel, queued);
        var subs = new List<Subscription>();
        for (var i = 0; i < 12; i++)
        {
            subs.Add(await h.SubscribeAsync(Channel.Webhook, $"https://receiver{i}.example/hook", CadenceKind.Immediate, "state-of-emergency"));
        }
        var article = (await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency))).Analysis!.Article.Id;
        await h.Delivery.DeliverImmediateAsync(article, ["state-of-emergency"], CancellationToken.None);
        var sentFirst = channel.Sends.Select(d => d.SubscriptionId).ToHashSet();
        var leaves = queued.Batches.SelectMany(b => b.Subscribers).First().Id;
        Assert.DoesNotContain(leaves, sentFirst);

        await h.Services.GetRequiredService<SubscriptionService>().UnsubscribeAsync(leaves, CancellationToken.None);
        foreach (var batch in queued.Batches)
        {
            await h.Delivery.DeliverImmediateBatchAsync(batch, CancellationToken.None);
        }

        Assert.Equal(subs.Select(s => s.Id).Where(id => id != leaves).Order(), channel.Sends.Select(d => d.SubscriptionId).Order());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"articleId\":\"abc\",\"rules\":[\"r\"],\"subscribers\":[{\"id\":\"x\",\"rules\":[]}]}")]
    [InlineData("{\"articleId\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"rules\":[\"r\"],\"subscribers\":[]}")]
    [InlineData("{\"articleId\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"rules\":[\"r\"],\"subscribers\":[{\"id\":\"../../x\",\"rules\":[]}]}")]
    public void A_malformed_batch_is_refused_without_quoting_it(string body)
    {
        var ex = Assert.Throws<MalformedMessageException>(() => ImmediateBatchDecoder.Decode(body, "m1"));
        Assert.Equal(Alerts.Storage.StorageNames.ImmediateBatchQueue, ex.Queue);
        Assert.DoesNotContain("../../x", ex.Message, StringComparison.Ordinal);
    }

    private async Task<DeliveryHarness> StartAsync(ScriptedChannel channel, CapturingBatches queued)
    {
        var h = await DeliveryHarness.StartAsync(azurite, [channel], new Dictionary<string, string?> { ["Alerts:Immediate:FanOutBatchSize"] = "5" },
            s => s.Replace(ServiceDescriptor.Singleton<IImmediateBatchSender>(queued)));
        await h.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(h.Subscriptions, CancellationToken.None);
        return h;
    }

    /// <summary>Keeps the batches the fan-out queues, so the test delivers them as often as it likes.</summary>
    private sealed class CapturingBatches : IImmediateBatchSender
    {
        private readonly ConcurrentQueue<ImmediateBatch> _batches = new();

        public IReadOnlyList<ImmediateBatch> Batches => [.. _batches];

        public Task EnqueueAsync(ImmediateBatch batch, CancellationToken cancellationToken)
        {
            _batches.Enqueue(batch);
            return Task.CompletedTask;
        }
    }
}
