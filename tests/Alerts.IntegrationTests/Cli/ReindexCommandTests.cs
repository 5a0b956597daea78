using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts subscriptions reindex</c>: the subscription index mended from the subscriptions, through the real binary.</summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class ReindexCommandTests
{
    [Fact]
    public async Task Alerts_subscriptions_reindex_adds_the_missing_and_removes_the_stale()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var settings = new Dictionary<string, string?>(ChannelSettings.For()) { ["AlertsStorage"] = storage.ConnectionString };
        await using var services = new AzuriteFixture().BuildServices(settings);
        var store = services.GetRequiredService<ISubscriptionStore>();
        var missing = await AddAsync(store, "state-of-emergency", SubscriptionStatus.Active);
        var left = await AddAsync(store, "state-of-emergency", SubscriptionStatus.Active);
        await store.UpdateAsync(left.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);
        var index = new TableClient(storage.ConnectionString, StorageNames.SubscriptionIndexTable);
        // The index as a crash, or an older version, leaves it: a live subscription's row lost, rows for the departed.
        await index.DeleteEntityAsync("state-of-emergency", "i_" + missing.Id);
        await index.UpsertEntityAsync(new TableEntity("state-of-emergency", "i_" + left.Id));
        await index.UpsertEntityAsync(new TableEntity("troop-arrivals", "i_" + SubscriptionIds.New()));

        var (exit, output) = await AlertsCli.RunAsync(settings, "subscriptions", "reindex");

        Assert.True(exit == 0, output);
        Assert.Contains("1 rows added, 2 rows removed", output, StringComparison.Ordinal);
        var rows = index.QueryAsync<TableEntity>(e => e.PartitionKey != "_index").ToBlockingEnumerable().Select(e => (e.PartitionKey, e.RowKey)).ToList();
        Assert.Equal([("state-of-emergency", "i_" + missing.Id)], rows);
        (exit, output) = await AlertsCli.RunAsync(settings, "subscriptions", "reindex");
        Assert.Contains("0 rows added, 0 rows removed", output, StringComparison.Ordinal);
    }

    private static async Task<Subscription> AddAsync(ISubscriptionStore store, string rule, SubscriptionStatus status)
    {
        var subscription = new Subscription
        {
            Id = SubscriptionIds.New(),
            Channel = Channel.Webhook,
            Target = $"https://{Guid.NewGuid():N}.example/hook",
            Rules = [rule],
            Cadence = new Cadence(CadenceKind.Immediate),
            Status = status,
            CreatedAt = DateTimeOffset.UtcNow,
            ConfirmedAt = DateTimeOffset.UtcNow,
            SigningSecret = "whsec_dGVzdC1zZWNyZXQtb2YtMzItYnl0ZXMtbG9uZyEhISE=",
        };
        await store.AddAsync(subscription, CancellationToken.None);
        return subscription;
    }

}
