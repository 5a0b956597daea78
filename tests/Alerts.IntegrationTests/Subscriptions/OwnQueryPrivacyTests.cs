using System.Collections.Concurrent;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.IntegrationTests.Subscriptions;

/// <summary>
/// A subscriber's own query is theirs: its text, its subscription and its matches appear only in that subscriber's
/// alerts, never in the shared analysis, the catalogue's match rows, the log or another subscriber's digest.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class OwnQueryPrivacyTests(AzuriteFixture azurite)
{
    private const string OwnerQuery = "\"curfew imposed\"~2 AND zhanaozen";
    private const string OtherQuery = "\"volcanic ash\" AND eruption";
    private const string Story = "The government declared a state of emergency on Monday. A curfew was imposed in Zhanaozen overnight.";

    [Fact]
    public async Task Only_the_owner_sees_their_query_and_its_match()
    {
        var logs = new CapturingLoggerProvider();
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var owner = await SubscribeAsync(h, CadenceKind.Hourly, OwnerQuery);
        var other = await SubscribeAsync(h, CadenceKind.Hourly, OtherQuery, "state-of-emergency");
        var ownerRuleId = await h.Services.GetRequiredService<QueryRuleIds>().IdOfAsync(OwnerQuery, CancellationToken.None);
        // Every level to this provider, whatever the harness's filter lets through to the others.
        h.Services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>().CurrentValue.Rules
            .Add(new LoggerFilterRule(typeof(CapturingLoggerProvider).FullName, null, LogLevel.Trace, null));
        h.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);

        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var result = await h.AnalyseAsync(DeliveryHarness.Story("Curfew after unrest", Story));
        var articleId = result.Analysis!.Article.Id;
        var secrets = new[] { OwnerQuery, "curfew imposed\"~2", "within 2 words", "Your query", owner.Id, other.Id, ownerRuleId };

        // The shared analysis blob, as stored.
        var blob = (await azurite.Blobs.GetBlobContainerClient(StorageNames.AnalysesContainer).GetBlobClient(articleId + ".json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("state-of-emergency", blob); // the shared match is there
        AssertNone(secrets, blob, "the shared analysis");

        // The catalogue's match rows of this article, and their time index.
        var rows = new List<TableEntity>();
        await foreach (var row in azurite.Tables.GetTableClient(StorageNames.MatchesTable).QueryAsync<TableEntity>(e => e.PartitionKey == articleId))
        {
            rows.Add(row);
        }
        await foreach (var row in azurite.Tables.GetTableClient(StorageNames.RuleMatchesTable).QueryAsync<TableEntity>(e => e.PartitionKey == ownerRuleId))
        {
            rows.Add(row);
        }
        Assert.Contains(rows, r => r.RowKey == "state-of-emergency");
        AssertNone(secrets, string.Join("\n", rows.Select(r => r.PartitionKey + " " + r.RowKey + " " + string.Join(" ", r.Select(kv => kv.Value)))), "the match rows");
        Assert.DoesNotContain(result.NewMatches, m => m.Rule == ownerRuleId);

        // What the analysis run logged, at every level.
        Assert.NotEmpty(logs.Lines);
        // The opaque rule id may appear (a storage request names its partition): it tells nothing without the app's key.
        AssertNone(secrets.Except([ownerRuleId]), string.Join("\n", logs.Lines), "the log");

        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);

        var ownerDigest = Assert.Single(channel.Sends, d => d.SubscriptionId == owner.Id);
        var match = Assert.Single(Assert.Single(ownerDigest.Articles).Matches);
        Assert.Equal(ownerRuleId, match.Rule);
        Assert.Contains("\"curfew imposed\" within 2 words and zhanaozen", match.Title);
        Assert.Contains("curfew", Assert.Single(match.Snippets).Text, StringComparison.OrdinalIgnoreCase);

        var otherDigest = Assert.Single(channel.Sends, d => d.SubscriptionId == other.Id);
        Assert.Equal(["state-of-emergency"], Assert.Single(otherDigest.Articles).Matches.Select(m => m.Rule));
        AssertNone(secrets.Except([other.Id]), System.Text.Json.JsonSerializer.Serialize(otherDigest, AlertsJson.Options), "the other subscriber's digest");
    }

    [Fact]
    public async Task An_immediate_subscriber_gets_their_own_querys_match_and_nobody_else_does()
    {
        var channel = new ScriptedChannel(Channel.Webhook);
        await using var h = await DeliveryHarness.StartAsync(azurite, [channel]);
        var owner = await SubscribeAsync(h, CadenceKind.Immediate, OwnerQuery);
        var other = await SubscribeAsync(h, CadenceKind.Immediate, OtherQuery, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Curfew after unrest", Story));
        var analysis = result.Analysis!;
        // The rule ids of the queue message the processor sent.
        await h.Delivery.DeliverImmediateAsync(analysis.Article.Id, [.. analysis.Matches.Concat(analysis.QueryMatches).Select(m => m.Rule)], CancellationToken.None);

        var mine = Assert.Single(channel.Sends, d => d.SubscriptionId == owner.Id);
        Assert.Contains(Assert.Single(mine.Articles).Matches, m => m.Title.Contains("within 2 words", StringComparison.Ordinal));
        var theirs = Assert.Single(channel.Sends, d => d.SubscriptionId == other.Id);
        Assert.DoesNotContain("curfew imposed", System.Text.Json.JsonSerializer.Serialize(theirs, AlertsJson.Options), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(owner.Id, System.Text.Json.JsonSerializer.Serialize(theirs, AlertsJson.Options), StringComparison.Ordinal);
    }

    private static async Task<Subscription> SubscribeAsync(DeliveryHarness h, CadenceKind cadence, string query, params string[] rules)
    {
        var subscription = await h.SubscribeAsync(Channel.Webhook, "https://receiver.example/" + Guid.NewGuid().ToString("N"), cadence, rules);
        return await h.Subscriptions.UpdateAsync(subscription.Id, s => s with { Queries = [query] }, CancellationToken.None) ?? subscription;
    }

    private static void AssertNone(IEnumerable<string> secrets, string text, string where)
    {
        foreach (var secret in secrets)
        {
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} contains '{secret}'");
        }
    }

    /// <summary>Every log line at every level, with its structured values.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                owner.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
