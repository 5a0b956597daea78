using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// A rule watched by more immediate subscribers than one message sends to, through the local host of <c>alerts run</c>
/// on an Azurite of its own: subscribed by the API, the article uploaded as a blob, the alerts received and their
/// signatures checked on 127.0.0.1. The fan-out goes through the <c>immediate-batches</c> queue; delivering the
/// article's message again sends nobody a second alert.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class ImmediateFanOutLocalHostTests
{
    private const int Subscribers = 23;
    private static readonly string[] Rules = ["state-of-emergency"];

    [Fact]
    public async Task Twenty_three_webhooks_of_one_rule_in_batches_of_five_each_get_one_signed_alert_even_when_the_message_comes_twice_more()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var settings = new Dictionary<string, string?>(ChannelSettings.For())
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["AlertsStorage"] = storage.ConnectionString,
            ["Alerts:Subscriptions:PublicBaseUrl"] = api.ToString(),
            ["Alerts:Immediate:FanOutBatchSize"] = "5",
        };
        var logs = new LogLines();
        using var host = LocalHostBuilder.Build(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(new LocalHostOptions { ApiUrl = api })).AddInMemoryCollection(settings).Build(),
            new LocalHostOptions { ApiUrl = api },
            s => s.AddSingleton<ILoggerProvider>(logs));
        await host.StartAsync(ct);
        try
        {
            // As after a deployment: the index of subscriptions by rule is complete, so the fan-out reads it.
            await host.Services.GetRequiredService<SubscriptionIndexing>().RepairAsync(host.Services.GetRequiredService<ISubscriptionStore>(), ct);
            using var http = new HttpClient { BaseAddress = api };
            for (var i = 0; i < Subscribers; i++)
            {
                var hook = new Uri($"{receiver.Url}/{i}");
                using var response = await http.PostAsJsonAsync(new Uri("/api/subscriptions", UriKind.Relative),
                    new { channel = "webhook", target = hook.ToString(), rules = Rules, cadence = "immediate" }, ct);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                receiver.SecretsByPath[hook.AbsolutePath] = created.GetProperty("signingSecret").GetString()!;
            }

            var container = new Azure.Storage.Blobs.BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(StorageNames.ArticlesContainer);
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            var name = $"fan-out/{Guid.NewGuid():N}.txt";
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(TestArticles.UniqueWireStory()), ct);
            var store = host.Services.GetRequiredService<IAnalysisStore>();
            var record = await EventuallyAsync(async () => await store.GetUploadAsync(name, ct) is { Status: UploadStatus.Analysed } r ? r : null, ct);

            await EventuallyAsync(() => Task.FromResult(AlertedPaths(receiver).Count == Subscribers ? "all" : null), ct);
            Assert.Contains(logs.Lines, l => l.Contains($"Immediate alert for article {record.ArticleId}: {Subscribers} subscribers, 4 batches queued", StringComparison.Ordinal));

            // The article's message delivered twice more, as an at-least-once queue (or a host killed mid-fan-out) may:
            // two more fan-outs, eight more batches, and no second alert.
            var queues = new QueueServiceClient(storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            var again = JsonSerializer.Serialize(new NewMatchesMessage(record.ArticleId!, Rules), AlertsJson.Options);
            await queues.GetQueueClient(StorageNames.ImmediateQueue).SendMessageAsync(again, ct);
            await queues.GetQueueClient(StorageNames.ImmediateQueue).SendMessageAsync(again, ct);
            await EventuallyAsync(() => Task.FromResult(logs.Lines.Count(l => l.Contains($"Immediate alert for article {record.ArticleId}: {Subscribers} subscribers", StringComparison.Ordinal)) >= 3 ? "fanned out" : null), ct);
            await EventuallyAsync(async () => await IsEmptyAsync(queues, StorageNames.ImmediateQueue, ct) && await IsEmptyAsync(queues, StorageNames.ImmediateBatchQueue, ct) ? "drained" : null, ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);

            var alerts = receiver.Digests.ToList();
            Assert.Equal(Subscribers, alerts.Count);
            Assert.All(alerts, a => Assert.True(a.Verified, $"the alert to {a.Path} must verify with its subscription's secret"));
            Assert.Equal(Enumerable.Range(0, Subscribers).Select(i => $"/hooks/alerts/{i}").Order(StringComparer.Ordinal), alerts.Select(a => a.Path).Order(StringComparer.Ordinal));
            Assert.All(alerts, a => Assert.Equal(record.ArticleId, Assert.Single(a.Json.GetProperty("articles").EnumerateArray()).GetProperty("articleId").GetString()));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static HashSet<string> AlertedPaths(WebhookReceiver receiver) => [.. receiver.Digests.Select(d => d.Path)];

    private static async Task<bool> IsEmptyAsync(QueueServiceClient queues, string queue, CancellationToken ct)
    {
        var client = queues.GetQueueClient(queue);
        return !await client.ExistsAsync(ct) || (await client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount == 0;
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, CancellationToken ct)
        where T : class
    {
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await Task.Delay(100, ct);
        }
    }
}
