using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Alerts.IntegrationTests.Delivery;

/// <summary>
/// Immediate alerts fan out through the index of subscriptions by rule: only the matched rules' subscribers are read,
/// a change racing the fan-out never lets an unsubscribed, paused or no-longer-watching subscriber get the alert, and
/// the index stays consistent under races (the repair, <c>alerts subscriptions reindex</c>, is tested on its own).
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ImmediateFanOutTests(AzuriteFixture azurite)
{
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task An_article_reaches_its_rules_immediate_subscribers_and_nobody_else()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        var reads = new ConcurrentQueue<string>();
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel], configure: s => CountReads(s, reads));
        await h.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(h.Subscriptions, CancellationToken.None);
        var watching = await h.SubscribeAsync(Channel.Webhook, "https://watching.example/hook", CadenceKind.Immediate, "state-of-emergency");
        var otherRule = await h.SubscribeAsync(Channel.Webhook, "https://other.example/hook", CadenceKind.Immediate, "troop-arrivals");
        var hourly = await h.SubscribeAsync(Channel.Webhook, "https://hourly.example/hook", CadenceKind.Hourly, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        reads.Clear();
        var sent = await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(watching.Id, Assert.Single(channel.Sends).SubscriptionId);
        // The fan-out read one subscription, not the table: the other rule's and the hourly subscriber were never looked at.
        Assert.DoesNotContain("list", reads);
        Assert.DoesNotContain(otherRule.Id, reads);
        Assert.DoesNotContain(hourly.Id, reads);
    }

    [Fact]
    public async Task Changes_that_land_after_the_index_was_read_are_honoured_and_their_stale_rows_go()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        Func<Task>? interfere = null;
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel], configure: s =>
        {
            s.RemoveAll<ISubscriptionIndex>();
            s.AddSingleton<TableSubscriptionIndex>();
            s.AddSingleton<ISubscriptionIndex>(p => new InterferingIndex(p.GetRequiredService<TableSubscriptionIndex>(), () => interfere?.Invoke() ?? Task.CompletedTask));
        });
        var indexing = h.Services.GetRequiredService<SubscriptionIndexing>();
        await indexing.RepairAsync(h.Subscriptions, CancellationToken.None);
        var stays = await h.SubscribeAsync(Channel.Webhook, "https://stays.example/hook", CadenceKind.Immediate, "state-of-emergency");
        var leaves = await h.SubscribeAsync(Channel.Webhook, "https://leaves.example/hook", CadenceKind.Immediate, "state-of-emergency");
        var pauses = await h.SubscribeAsync(Channel.Webhook, "https://pauses.example/hook", CadenceKind.Immediate, "state-of-emergency");
        var switches = await h.SubscribeAsync(Channel.Webhook, "https://switches.example/hook", CadenceKind.Immediate, "state-of-emergency");
        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));

        // Between the fan-out's read of the index and its sends: one unsubscribes, one pauses, one stops watching the
        // rule. The store's own index writes run too, so the rows the fan-out holds are already stale.
        var raw = h.Services.GetRequiredService<TableSubscriptionStore>();
        interfere = async () =>
        {
            interfere = null;
            await h.Subscriptions.UpdateAsync(leaves.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
            await h.Subscriptions.UpdateAsync(pauses.Id, s => s with { Status = SubscriptionStatus.Paused }, CancellationToken.None);
            // Written past the index (as a crash between the two writes would leave it): only the check on read stops it.
            await raw.UpdateAsync(switches.Id, s => s with { Rules = ["troop-arrivals"] }, CancellationToken.None);
        };
        var sent = await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        Assert.Equal(1, sent);
        Assert.Equal(stays.Id, Assert.Single(channel.Sends).SubscriptionId);
        var rows = await indexing.ImmediateSubscribersAsync(["state-of-emergency", "troop-arrivals"], CancellationToken.None);
        Assert.Equal(new[] { stays.Id, switches.Id }.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("troop-arrivals", Assert.Single(rows[switches.Id]).RuleId); // mended on read
    }

    [Fact]
    public async Task Unsubscribes_and_rule_changes_racing_a_fan_out_leave_a_consistent_index_and_no_alert_to_anyone_gone_before_it()
    {
        var channel = new ScriptedChannel(Channel.Webhook) { SendDelay = TimeSpan.FromMilliseconds(5) };
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var indexing = h.Services.GetRequiredService<SubscriptionIndexing>();
        await indexing.RepairAsync(h.Subscriptions, CancellationToken.None);
        var subs = new List<Subscription>();
        for (var i = 0; i < 30; i++)
        {
            subs.Add(await h.SubscribeAsync(Channel.Webhook, $"https://r{i}.example/hook", CadenceKind.Immediate, "state-of-emergency"));
        }
        var goneBefore = subs.Take(5).ToList();
        foreach (var s in goneBefore)
        {
            await h.Subscriptions.UpdateAsync(s.Id, x => x with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
        }
        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));

        // Two deliveries of the message at once, while ten unsubscribe and five switch rules, each change twice at once.
        var changes = subs.Skip(5).Take(15).Select((s, i) => i < 10
            ? (Func<Task>)(() => h.Subscriptions.UpdateAsync(s.Id, x => x with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None))
            : () => h.Subscriptions.UpdateAsync(s.Id, x => x with { Rules = ["troop-arrivals"] }, CancellationToken.None)).ToList();
        await Task.WhenAll(
        [
            h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None),
            h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None),
            .. changes.Select(c => Task.Run(c)),
            .. changes.Select(c => Task.Run(c)),
        ]);

        var sends = channel.Sends.Select(d => d.SubscriptionId).ToList();
        Assert.Equal(sends.Distinct().Count(), sends.Count); // none twice
        Assert.DoesNotContain(sends, goneBefore.Select(s => s.Id).Contains);
        Assert.All(subs.Skip(20), s => Assert.Contains(s.Id, sends)); // the untouched all got it
        // Nothing for the repair to mend: every row the races wrote is the one its subscription wants.
        var repair = await indexing.RepairAsync(h.Subscriptions, CancellationToken.None);
        Assert.Equal((0, 0), (repair.Added, repair.Removed));
    }

    private static void CountReads(IServiceCollection services, ConcurrentQueue<string> reads)
    {
        services.RemoveAll<ISubscriptionStore>();
        services.AddSingleton<ISubscriptionStore>(p => new CountingStore(
            new IndexedSubscriptionStore(p.GetRequiredService<TableSubscriptionStore>(), p.GetRequiredService<SubscriptionIndexing>()), reads));
    }

    /// <summary>Records which subscriptions are read, and whether the whole table is listed.</summary>
    private sealed class CountingStore(ISubscriptionStore inner, ConcurrentQueue<string> reads) : ISubscriptionStore
    {
        public Task AddAsync(Subscription subscription, CancellationToken cancellationToken) => inner.AddAsync(subscription, cancellationToken);

        public Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken)
        {
            reads.Enqueue(id);
            return inner.GetAsync(id, cancellationToken);
        }

        public Task<Subscription?> UpdateAsync(string id, Func<Subscription, Subscription> change, CancellationToken cancellationToken) => inner.UpdateAsync(id, change, cancellationToken);

        public IAsyncEnumerable<Subscription> ListAsync(CancellationToken cancellationToken)
        {
            reads.Enqueue("list");
            return inner.ListAsync(cancellationToken);
        }
    }

    /// <summary>Runs <c>interfere</c> once a rule's immediate rows have been read, before the reader goes on.</summary>
    private sealed class InterferingIndex(ISubscriptionIndex inner, Func<Task> interfere) : ISubscriptionIndex
    {
        public Task AddAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken) => inner.AddAsync(entries, cancellationToken);

        public Task RemoveAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken) => inner.RemoveAsync(entries, cancellationToken);

        public async IAsyncEnumerable<SubscriptionIndexEntry> ListAsync(string ruleId, bool immediate, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var rows = new List<SubscriptionIndexEntry>();
            await foreach (var row in inner.ListAsync(ruleId, immediate, cancellationToken))
            {
                rows.Add(row);
            }
            await interfere();
            foreach (var row in rows)
            {
                yield return row;
            }
        }

        public IAsyncEnumerable<SubscriptionIndexEntry> ListAllAsync(CancellationToken cancellationToken) => inner.ListAllAsync(cancellationToken);

        public Task<bool> IsCompleteAsync(CancellationToken cancellationToken) => inner.IsCompleteAsync(cancellationToken);

        public Task MarkCompleteAsync(CancellationToken cancellationToken) => inner.MarkCompleteAsync(cancellationToken);
    }
}
