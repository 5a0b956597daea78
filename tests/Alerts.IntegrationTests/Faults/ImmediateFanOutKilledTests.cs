using System.Globalization;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Cli;
using Alerts.Storage;
using Alerts.Subscriptions;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// An immediate alert fanned out through <c>immediate-batches</c> by the local host (<c>alerts run</c>, a real process,
/// batches of 5) to slow webhook receivers, the host killed with SIGKILL while the fan-out is under way, then started
/// again: every subscriber gets the article's alert, a repeat only to one the receiver had before the kill and with the
/// same <c>webhook-id</c>, and nothing is left on the queues. The messages the dead process had taken stay invisible
/// for their lease (10 minutes, as with a dead instance in Azure): the test moves storage's clock past it, and waits out
/// the dead host's ledger claims, before the restart. And a batch message delivered twice sends nothing twice.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class ImmediateFanOutKilledTests
{
    private const int Subscribers = 60;
    private const string BatchSize = "5";
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] Rules = ["state-of-emergency"];

    [Fact]
    public async Task Alerts_run_killed_mid_immediate_fan_out_and_restarted_alerts_every_subscriber_and_repeats_only_what_was_in_flight_under_its_own_id()
    {
        await using var storage = new RestartableAzurite { MovableClock = true };
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        // Slow subscribers keep the fan-out going while the first alerts arrive.
        receiver.Latency = TimeSpan.FromMilliseconds(100);
        var settings = Settings(storage);
        await using var services = new AzuriteFixture().BuildServices(settings);
        var hooks = await SubscribeAsync(services, receiver, Subscribers);

        var killedAt = DateTimeOffset.MaxValue;
        using (var first = AlertsCli.StartHost(settings))
        {
            // The eighth answer kills the host: it and every delivery still held by the slow receiver reach the
            // subscriber, and the ledger never hears of them.
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var i = 1; i < 8; i++)
            {
                receiver.Then(204);
            }
            receiver.ThenRun(async () =>
            {
                first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no ledger writes after this
                await first.WaitForExitAsync();
                killedAt = DateTimeOffset.UtcNow;
                killed.TrySetResult();
            });
            await UploadAsync(settings);
            await killed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        var beforeKill = receiver.Digests.Select(Subscription).ToHashSet();
        Assert.True(beforeKill.Count < Subscribers, "the first host finished the fan-out before it was killed");

        // The host stays down for longer than the queue leases of the messages it had taken, and than its ledger claims.
        await storage.MoveClockAheadAsync(TimeSpan.FromMinutes(11));
        await WaitForAsync(() => Task.FromResult(DateTimeOffset.UtcNow > killedAt + ClaimTimeout), TimeSpan.FromSeconds(30), "the claims never expired");

        var queues = new QueueServiceClient(storage.ConnectionString);
        using (var second = AlertsCli.StartHost(settings))
        {
            try
            {
                await WaitForAsync(() => Task.FromResult(receiver.Digests.Select(Subscription).Distinct().Count() >= Subscribers), TimeSpan.FromMinutes(2), "not every subscriber got the alert after the restart");
                await WaitForAsync(() => DrainedAsync(queues), TimeSpan.FromMinutes(1), "messages were left on the immediate queues");
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        var alerts = receiver.Digests.ToList();
        Assert.All(alerts, a => Assert.True(a.Verified, $"the alert to {a.Path} must verify with its subscriber's secret"));
        var articleId = Assert.Single(alerts.Select(a => Assert.Single(a.Json.GetProperty("articles").EnumerateArray()).GetProperty("articleId").GetString()).Distinct());
        var bySubscriber = alerts.GroupBy(Subscription).ToList();
        Assert.Equal(hooks.Keys.Order(StringComparer.Ordinal), bySubscriber.Select(g => g.Key).Order(StringComparer.Ordinal));
        // Each went to its own subscriber's hook, under the one id of that subscriber's alert for this article.
        Assert.All(bySubscriber, g => Assert.All(g, a => Assert.Equal(hooks[g.Key], a.Path)));
        Assert.All(bySubscriber, g => Assert.All(g, a => Assert.Equal(DigestIds.Immediate(g.Key, articleId!), a.Id)));
        // One alert per subscriber: a repeat is the same alert (same webhook-id, same body), only one that had reached
        // the receiver before the kill, and at least the one whose answer killed the host.
        Assert.All(bySubscriber, g => Assert.Single(g.Select(a => (a.Id, a.Body)).Distinct()));
        Assert.All(bySubscriber, g => Assert.InRange(g.Count(), 1, 2));
        var repeated = bySubscriber.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.NotEmpty(repeated);
        Assert.All(repeated, id => Assert.Contains(id, beforeKill));
        var ledger = services.GetRequiredService<IDeliveryLedger>();
        foreach (var id in hooks.Keys)
        {
            Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync(id, DigestIds.Immediate(id, articleId!), CancellationToken.None))?.State);
        }
    }

    [Fact]
    public async Task A_batch_message_delivered_twice_at_once_and_once_more_later_alerts_each_of_its_subscribers_once()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = Settings(storage);
        await using var services = new AzuriteFixture().BuildServices(settings);
        // The article is matched before anyone watches its rule: its own message alerts nobody, so every alert below is
        // the batch's.
        var processed = await services.GetRequiredService<ArticleProcessor>().ProcessAsync("own-story.txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Story())), CancellationToken.None);
        var articleId = processed.Analysis?.Article.Id ?? throw new InvalidOperationException("the story was not analysed");
        Assert.Contains(processed.NewMatches, m => m.Rule == Rules[0]);
        var queues = new QueueServiceClient(storage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        using var run = AlertsCli.StartHost(settings);
        try
        {
            await WaitForAsync(() => DrainedAsync(queues), TimeSpan.FromMinutes(1), "the article's own message was not handled");
            var hooks = await SubscribeAsync(services, receiver, 5);
            var batch = JsonSerializer.Serialize(new ImmediateBatch(articleId, Rules, [.. hooks.Keys.Select(id => new ImmediateRecipient(id, Rules))]), AlertsJson.Options);
            var batches = queues.GetQueueClient(StorageNames.ImmediateBatchQueue);
            await batches.CreateIfNotExistsAsync();
            // Two copies at once (an at-least-once queue, or a fan-out repeated after a crash), handled side by side.
            await Task.WhenAll(batches.SendMessageAsync(batch), batches.SendMessageAsync(batch));
            await WaitForAsync(() => DrainedAsync(queues), TimeSpan.FromMinutes(1), "the two copies were not handled");
            Assert.Equal(hooks.Count, receiver.Digests.Count());
            // And once more after both were handled.
            await batches.SendMessageAsync(batch);
            await WaitForAsync(() => DrainedAsync(queues), TimeSpan.FromMinutes(1), "the third copy was not handled");

            var alerts = receiver.Digests.ToList();
            Assert.All(alerts, a => Assert.True(a.Verified));
            Assert.Equal(hooks.Keys.Order(StringComparer.Ordinal), alerts.Select(Subscription).Order(StringComparer.Ordinal));
            Assert.All(alerts, a => Assert.Equal(DigestIds.Immediate(Subscription(a), articleId), a.Id));
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }
    }

    private static Dictionary<string, string?> Settings(RestartableAzurite storage) => new(ChannelSettings.For(timeout: "00:00:03"))
    {
        ["AlertsStorage"] = storage.ConnectionString,
        ["AzureWebJobsStorage"] = storage.ConnectionString,
        // No digest timer: whatever is sent, the immediate queues sent.
        ["DigestSchedule"] = "0 0 0 1 1 *",
        ["Alerts:Immediate:FanOutBatchSize"] = BatchSize,
        // Longer than one send (the webhook timeout is 3 s), so a live host's claims never lapse mid-send.
        ["Alerts:Digests:ClaimTimeout"] = ClaimTimeout.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>Immediate webhook subscribers of the rule, each on its own hook path with its own secret; their ids to paths.</summary>
    private static async Task<Dictionary<string, string>> SubscribeAsync(ServiceProvider services, WebhookReceiver receiver, int count)
    {
        var store = services.GetRequiredService<ISubscriptionStore>();
        var hooks = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var subscription = new Subscription
            {
                Id = SubscriptionIds.New(),
                Channel = Channel.Webhook,
                Target = $"{receiver.Url}/{Guid.NewGuid():N}",
                Rules = Rules,
                Cadence = Cadence.Immediate,
                Status = SubscriptionStatus.Active,
                CreatedAt = DateTimeOffset.UtcNow.AddHours(-1),
                ConfirmedAt = DateTimeOffset.UtcNow.AddHours(-1),
                SigningSecret = WebhookSignature.NewSecret(),
            };
            var path = new Uri(subscription.Target).AbsolutePath;
            receiver.SecretsByPath[path] = subscription.SigningSecret;
            hooks[subscription.Id] = path;
            await store.AddAsync(subscription, ct);
        });
        // As after a deployment: the index of subscriptions by rule is complete, so the fan-out reads it.
        await services.GetRequiredService<SubscriptionIndexing>().RepairAsync(store, CancellationToken.None);
        return new Dictionary<string, string>(hooks, StringComparer.Ordinal);
    }

    /// <summary>
    /// A story written for this test, with a marker of its own: it meets the rule and is like no other test's story, so
    /// it is never folded into one.
    /// </summary>
    private static string Story() => $"""
        Governor declares state of emergency as river floods the harbour district of Veltmark

        VELTMARK -- The provincial governor declared a state of emergency on Tuesday after the Oresund river broke
        through two flood walls overnight and filled the streets of the old harbour district with water up to a metre
        deep.

        The decree, read out at a briefing in the town hall, gives the provincial crisis office powers to close roads,
        requisition boats and order residents of low-lying streets to leave their homes. It is in force for ten days.

        Rescue crews moved about 300 people from flooded houses to a sports hall on the hill above the town. No deaths
        were reported. The weather office expects more rain before the weekend.

        Desk reference {Guid.NewGuid():N}.
        """;

    /// <summary>Uploads the story as a person does, with <c>alerts upload</c>.</summary>
    private static async Task UploadAsync(Dictionary<string, string?> settings)
    {
        var folder = Directory.CreateTempSubdirectory("alerts-immediate-killed.");
        try
        {
            var path = Path.Combine(folder.FullName, "veltmark-floods.txt");
            await File.WriteAllTextAsync(path, Story());
            var (exit, output) = await AlertsCli.RunAsync(settings, "upload", path);
            Assert.True(exit == 0, output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Subscription(ReceivedWebhook webhook) => webhook.Json.GetProperty("subscriptionId").GetString()!;

    /// <summary>True when the immediate queues and their poison queues hold no message, taken or not.</summary>
    private static async Task<bool> DrainedAsync(QueueServiceClient queues)
    {
        foreach (var name in new[] { StorageNames.ImmediateQueue, StorageNames.ImmediateBatchQueue })
        {
            foreach (var queue in new[] { name, name + "-poison" })
            {
                var client = queues.GetQueueClient(queue);
                // The count includes messages a handler has taken and not yet deleted.
                if (await client.ExistsAsync() && (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static async Task WaitForAsync(Func<Task<bool>> done, TimeSpan bound, string failure)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }
}
