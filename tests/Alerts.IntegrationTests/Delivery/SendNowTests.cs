using Alerts.Delivery;
using Alerts.Subscriptions;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>"Send this subscription's digest now" on a real Azurite ledger: one digest, and the timer carries on from it.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class SendNowTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task Send_now_sends_the_open_window_and_the_next_hourly_digest_starts_where_it_ended()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // 09:55
        await h.AnalyseAsync(DeliveryHarness.Story("Before send-now", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // 09:56, the hour still open
        var sentAt = h.Clock.GetUtcNow();

        var result = await h.Delivery.SendNowAsync(sub.Id, CancellationToken.None);

        Assert.Equal(SendNowOutcome.Sent, result.Outcome);
        Assert.Equal(1, result.ArticleCount);
        var first = Assert.Single(channel.Sends);
        Assert.Equal(result.DigestId, first.Id);
        Assert.Equal(sentAt, first.WindowEnd);
        Assert.Equal(sentAt, (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))?.DeliveredUntil);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.AnalyseAsync(DeliveryHarness.Story("After send-now", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(8)); // 10:05
        var summary = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Sent);
        var second = channel.Sends.Last();
        Assert.Equal(sentAt, second.WindowStart);
        Assert.Equal(["After send-now"], second.Articles.Select(a => a.Title));
    }

    [Fact]
    public async Task Send_now_with_nothing_new_sends_nothing_and_says_so()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await h.Delivery.SendNowAsync(sub.Id, CancellationToken.None);

        Assert.Equal(SendNowOutcome.NothingNew, result.Outcome);
        Assert.Empty(channel.Sends);
    }

    [Fact]
    public async Task Two_send_now_requests_at_once_send_one_digest()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(300) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        var results = await Task.WhenAll(h.Delivery.SendNowAsync(sub.Id, CancellationToken.None), h.Delivery.SendNowAsync(sub.Id, CancellationToken.None));

        Assert.Single(channel.Sends);
        Assert.Equal([SendNowOutcome.Sent, SendNowOutcome.Held], results.Select(r => r.Outcome).Order());
    }

    [Fact]
    public async Task Send_now_racing_the_timer_sends_one_digest_and_nothing_twice()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(300) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 10:05: the timer's window [.., 10:00) is due, send-now's ends at 10:05

        await Task.WhenAll(h.Delivery.RunAsync(CancellationToken.None), h.Delivery.SendNowAsync(sub.Id, CancellationToken.None));
        var sent = Assert.Single(channel.Sends);
        Assert.Equal(sent.WindowEnd, (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))?.DeliveredUntil);
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        await h.Delivery.SendNowAsync(sub.Id, CancellationToken.None);

        var digest = Assert.Single(channel.Sends);
        Assert.Equal(["Emergency"], digest.Articles.Select(a => a.Title));
    }

    [Fact]
    public async Task A_channel_that_throws_is_a_recorded_failed_attempt_with_a_retry_not_a_held_claim()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        channel.ThenThrow(new InvalidOperationException("transport bug"));
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var first = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (first.Sent, first.Failed));
        var record = await h.Ledger.GetAsync(sub.Id, channel.Sends.Single().Id, CancellationToken.None);
        Assert.Equal(DeliveryState.Pending, record?.State);
        Assert.Null(record?.ClaimedUntil);
        Assert.Contains("InvalidOperationException", record?.LastError, StringComparison.Ordinal);

        var early = await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Equal(1, early.NotDue); // the retry waits for its time
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var retry = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal((1, 1), (retry.Sent, retry.Retried));
        Assert.Equal(2, channel.Sends.Count);
    }

    [Fact]
    public async Task Overlapping_runs_report_the_digest_they_did_not_send_as_held()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(500) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var runs = await Task.WhenAll(h.Delivery.RunAsync(CancellationToken.None), h.Delivery.RunAsync(CancellationToken.None));

        Assert.Single(channel.Sends);
        Assert.Equal((1, 1), (runs.Sum(r => r.Sent), runs.Sum(r => r.Held)));
    }
}
