using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Data.Tables;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>Never lose, never repeat: the ledger, watermark and claims on a real Azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class DeliveryLedgerTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";
    private const string EmergencyAndTroops = "The government declared a state of emergency on Monday. The first paratroopers arrived in the capital overnight.";

    [Fact]
    public async Task An_hourly_digest_groups_an_articles_rules_and_nothing_new_sends_nothing()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency", "troop-arrivals");

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency and troops", EmergencyAndTroops));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency only", Emergency));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Empty(channel.Sends); // the hour has not closed yet

        h.Clock.Advance(TimeSpan.FromMinutes(10)); // 10:05, past the top of the hour and the settle delay
        await h.Delivery.RunAsync(CancellationToken.None);

        var digest = Assert.Single(channel.Sends);
        Assert.Equal(sub.Id, digest.SubscriptionId);
        Assert.Equal(2, digest.Articles.Count);
        var both = digest.Articles.Single(a => a.Title == "Emergency and troops");
        Assert.Equal(["state-of-emergency", "troop-arrivals"], both.Matches.Select(m => m.Rule).Order());
        Assert.All(both.Matches, m => Assert.NotEmpty(m.Snippets));
        Assert.Equal(Rules.Severity.Critical, digest.Articles[0].Severity);

        var stored = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
        Assert.Equal(digest.WindowEnd, stored?.DeliveredUntil);
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(sub.Id, digest.Id, CancellationToken.None))?.State);

        // Another hour with nothing new: nothing is sent.
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Single(channel.Sends);
    }

    [Fact]
    public async Task A_ledger_row_stores_its_state_and_kind_as_the_strings_earlier_rows_have()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(StorageNames.DeliveriesTable).QueryAsync<TableEntity>(e => e.PartitionKey == sub.Id))
        {
            rows.Add(row);
        }
        var stored = Assert.Single(rows);
        Assert.Equal(("sent", "scheduled"), (stored.GetString("State"), stored.GetString("Kind")));
    }

    [Fact]
    public async Task A_failed_send_is_retried_later_with_the_same_digest_id_and_delivered_once()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        channel.Then(DeliveryOutcome.Failed("HTTP 500 Internal Server Error"));
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);
        var record = (await h.Ledger.GetAsync(sub.Id, channel.Sends.Single().Id, CancellationToken.None))!;
        Assert.Equal(DeliveryState.Pending, record.State);
        Assert.Equal("HTTP 500 Internal Server Error", record.LastError);
        Assert.Null((await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))?.DeliveredUntil);

        await h.Delivery.RunAsync(CancellationToken.None); // backoff not over: no attempt
        Assert.Single(channel.Sends);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(2, channel.Sends.Count);
        Assert.Single(channel.Sends.Select(d => d.Id).Distinct());
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(sub.Id, record.DigestId, CancellationToken.None))?.State);

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Equal(2, channel.Sends.Count);
    }

    [Fact]
    public async Task After_every_retry_fails_the_subscription_is_failing_and_the_digest_waits_for_redelivery()
    {
        var channel = new ScriptedChannel(Channel.Email);
        for (var i = 0; i < 3; i++)
        {
            channel.Then(DeliveryOutcome.Failed("SMTP connection refused"));
        }
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Email, "analyst@example.org", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));

        foreach (var wait in new[] { 10, 1, 5 })
        {
            h.Clock.Advance(TimeSpan.FromMinutes(wait));
            await h.Delivery.RunAsync(CancellationToken.None);
        }

        Assert.Equal(3, channel.Sends.Count);
        var digestId = channel.Sends.First().Id;
        Assert.Equal(DeliveryState.Failed, (await h.Ledger.GetAsync(sub.Id, digestId, CancellationToken.None))?.State);
        Assert.Equal(SubscriptionStatus.Failing, (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))?.Status);

        // Failing subscriptions get nothing new until someone redelivers.
        h.Clock.Advance(TimeSpan.FromHours(2));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Equal(3, channel.Sends.Count);

        Assert.Equal(DeliveryResult.Sent, await h.Delivery.RedeliverAsync(sub.Id, digestId, CancellationToken.None));
        Assert.Equal(digestId, channel.Sends.Last().Id);
        var after = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Active, after?.Status);
        Assert.NotNull(after?.DeliveredUntil);
    }

    [Fact]
    public async Task A_crash_between_send_and_ledger_write_resends_the_same_digest_after_the_claim_expires()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        using var host = new CancellationTokenSource();
        channel.ThenCrashAfterSending(host);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Delivery.RunAsync(host.Token));
        var first = channel.Sends.Single();
        Assert.Equal(DeliveryState.Sending, (await h.Ledger.GetAsync(sub.Id, first.Id, CancellationToken.None))?.State);

        await h.Delivery.RunAsync(CancellationToken.None); // claim still held: no second send yet
        Assert.Single(channel.Sends);

        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(2, channel.Sends.Count);
        Assert.Equal(first.Id, channel.Sends.Last().Id);
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(sub.Id, first.Id, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_crash_after_recording_a_send_but_before_moving_the_watermark_does_not_repeat_that_window()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);
        var watermark = (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))!.DeliveredUntil;

        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency, day two", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await h.Delivery.RunAsync(CancellationToken.None);
        // The second digest is recorded as sent, but the run died before the watermark moved.
        await h.Subscriptions.UpdateAsync(sub.Id, s => s with { DeliveredUntil = watermark }, CancellationToken.None);

        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency, day three", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(30));
        await h.Delivery.RunAsync(CancellationToken.None);

        var sends = channel.Sends.ToList();
        Assert.Equal(3, sends.Count);
        Assert.Equal(sends[1].WindowEnd, sends[2].WindowStart);
        Assert.Single(sends[2].Articles);
    }

    [Fact]
    public async Task A_subscriber_who_pauses_while_the_digest_is_on_its_way_stays_paused_and_that_window_is_not_sent_again()
    {
        // The watermark is written on the version of the row read before the send: a change made in between must be
        // kept (the write conflicts and is made again on the fresh row), and the window must still count as delivered.
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        channel.DuringSend = s => h.Subscriptions.UpdateAsync(s.Id, x => x with { Status = SubscriptionStatus.Paused }, CancellationToken.None);

        await h.Delivery.RunAsync(CancellationToken.None);

        var digest = Assert.Single(channel.Sends);
        var stored = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Paused, stored?.Status);
        Assert.Equal(digest.WindowEnd, stored?.DeliveredUntil);

        channel.DuringSend = null;
        await h.Subscriptions.UpdateAsync(sub.Id, x => x with { Status = SubscriptionStatus.Active }, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Single(channel.Sends);
    }

    [Fact]
    public async Task Adding_a_digest_whose_row_exists_keeps_the_content_its_retries_send()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);
        var sent = Assert.Single(channel.Sends);

        // A late run that built the same window again (same id) with other content.
        Assert.Null(await h.Ledger.AddAsync(sent with { Articles = [], CreatedAt = sent.CreatedAt.AddMinutes(1) }, CancellationToken.None));

        var stored = await h.Ledger.GetDigestAsync(sub.Id, sent.Id, CancellationToken.None);
        Assert.Equal(sent.CreatedAt, stored?.CreatedAt);
        Assert.Equal(sent.Articles.Count, stored?.Articles.Count);
    }

    [Fact]
    public async Task Two_overlapping_runs_send_one_digest()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(500) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await Task.WhenAll(h.Delivery.RunAsync(CancellationToken.None), h.Delivery.RunAsync(CancellationToken.None), h.Delivery.RunAsync(CancellationToken.None));

        Assert.Single(channel.Sends);
    }

    [Fact]
    public async Task A_gone_receiver_pauses_the_subscription()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        channel.Then(DeliveryOutcome.Gone("HTTP 410 Gone"));
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Immediate, "state-of-emergency");

        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency again", Emergency + " It was extended."));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        var paused = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Paused, paused?.Status);
        Assert.Equal("HTTP 410 Gone", paused?.LastError);
        Assert.Single(channel.Sends);
    }

    [Fact]
    public async Task Immediate_alerts_are_one_per_article_even_if_the_message_comes_twice()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/hook", CadenceKind.Immediate, "state-of-emergency", "troop-arrivals");
        var other = await h.SubscribeAsync(Channel.Webhook, "https://other.example/hook", CadenceKind.Immediate, "flight-cancellations");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency and troops", EmergencyAndTroops));
        var rules = result.NewMatches.Select(m => m.Rule).ToList();
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, rules, CancellationToken.None);
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, rules, CancellationToken.None);

        var digest = Assert.Single(channel.Sends);
        Assert.Equal(sub.Id, digest.SubscriptionId);
        Assert.Equal(["state-of-emergency", "troop-arrivals"], Assert.Single(digest.Articles).Matches.Select(m => m.Rule).Order());
        Assert.DoesNotContain(channel.Sends, d => d.SubscriptionId == other.Id);
    }

    [Fact]
    public async Task An_unsubscribed_subscriber_gets_no_further_digests()
    {
        var channel = new ScriptedChannel(Channel.Email);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var sub = await h.SubscribeAsync(Channel.Email, "analyst@example.org", CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Subscriptions.UpdateAsync(sub.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Empty(channel.Sends);
    }
}
