using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>
/// A feed is fetched by its reader: immediate alerts and digest runs pass it by cleanly, even on an app that had a
/// sender for it, and record nothing against it (no ledger entry, no error, no watermark).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class FeedNotPushedTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task Immediate_alerts_and_digest_runs_send_nothing_to_a_feed_and_record_nothing()
    {
        var feeds = new ScriptedChannel(Channel.Feed);
        var webhooks = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [feeds, webhooks]);
        await h.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(h.Subscriptions, CancellationToken.None);
        var feed = await h.SubscribeAsync(Channel.Feed, "", CadenceKind.Immediate, "state-of-emergency");
        var hook = await h.SubscribeAsync(Channel.Webhook, "https://hook.example/hook", CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        var sent = await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromHours(2));
        var batches = new List<string>();
        await foreach (var batch in h.Delivery.PlanBatchesAsync(CancellationToken.None))
        {
            batches.AddRange(batch.SubscriptionIds);
        }
        await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(hook.Id, Assert.Single(webhooks.Sends).SubscriptionId);
        Assert.Empty(feeds.Sends);
        Assert.DoesNotContain(feed.Id, batches);
        Assert.Contains(hook.Id, batches);
        Assert.Empty(await h.Ledger.ListOutstandingAsync(feed.Id, CancellationToken.None).ToListAsync());
        var after = await h.Subscriptions.GetAsync(feed.Id, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Active, after!.Status);
        Assert.Null(after.LastError);
        Assert.Null(after.DeliveredUntil);
    }
}
