using Alerts.Analysis;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.Hosting;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Cli;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// The local host (<c>alerts run</c>, a real process) killed with SIGKILL in the middle of sending a digest fan-out
/// from the <c>digest-batches</c> queue, then started again: every subscriber gets its digest, under one id. The
/// batches the dead process had taken stay invisible for their lease (as with a dead instance in Azure); the next
/// timer run queues every active subscriber again, and the ledger sends only what is still due.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class LocalHostKilledTests
{
    private const int Subscribers = 200;

    [Fact]
    public async Task Alerts_run_killed_mid_fan_out_and_restarted_loses_no_digest_and_repeats_only_what_was_in_flight_under_its_own_id()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var topOfHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        // The story matched ten minutes before the last full hour the children, on the real clock, see as closed.
        var clock = new FakeTimeProvider((now - topOfHour < TimeSpan.FromMinutes(2) ? topOfHour.AddHours(-1) : topOfHour).AddMinutes(-10));
        var settings = new Dictionary<string, string?>(ChannelSettings.For(timeout: "00:00:10"))
        {
            ["AlertsStorage"] = storage.ConnectionString,
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            // The first host never ticks: the test queues the fan-out itself.
            ["DigestSchedule"] = "0 0 0 1 1 *",
            ["Alerts:Digests:BatchSize"] = "10",
            // The dead host's claims expire soon after the restart; longer than any one send (the webhook timeout is
            // 10 s), so the live host's own claims never lapse mid-send.
            ["Alerts:Digests:ClaimTimeout"] = "00:00:30",
        };
        await using var services = new AzuriteFixture().BuildServices(settings, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        var secret = WebhookSignature.NewSecret();
        receiver.Secret = secret;
        var store = services.GetRequiredService<ISubscriptionStore>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Subscribers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            await store.AddAsync(new Subscription
            {
                Id = SubscriptionIds.New(),
                Channel = Channel.Webhook,
                Target = receiver.Url.ToString(),
                Rules = ["state-of-emergency"],
                Cadence = Cadence.Hourly,
                Status = SubscriptionStatus.Active,
                CreatedAt = clock.GetUtcNow().AddHours(-2),
                ConfirmedAt = clock.GetUtcNow().AddHours(-2),
                SigningSecret = secret,
            }, ct));
        await services.GetRequiredService<ArticleProcessor>().ProcessAsync("emergency.txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory())), CancellationToken.None);
        var fanOut = await services.GetRequiredService<DigestTimerHandler>().HandleAsync(CancellationToken.None);
        Assert.Equal(Subscribers / 10, fanOut.Batches);

        using (var first = AlertsCli.StartHost(settings))
        {
            await WaitForAsync(() => receiver.Digests.Count() >= 30, TimeSpan.FromMinutes(3), "the first host sent no digests");
            first.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no ledger writes after this
            await first.WaitForExitAsync();
        }
        var beforeKill = receiver.Digests.Select(Subscription).ToHashSet();
        Assert.True(beforeKill.Count < Subscribers, "the first host finished the fan-out before it was killed");

        var restarted = new Dictionary<string, string?>(settings) { ["DigestSchedule"] = "*/10 * * * * *" };
        using (var second = AlertsCli.StartHost(restarted))
        {
            try
            {
                await WaitForAsync(() => receiver.Digests.Select(Subscription).Distinct().Count() >= Subscribers, TimeSpan.FromMinutes(5), "not every subscriber got a digest after the restart");
                // One more tick: it must find nothing left to send.
                await Task.Delay(TimeSpan.FromSeconds(15));
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        var digests = receiver.Digests.ToList();
        Assert.All(digests, d => Assert.True(d.Verified));
        var bySubscriber = digests.GroupBy(Subscription).ToList();
        Assert.Equal(Subscribers, bySubscriber.Count);
        // One digest per subscriber: a repeat is the same digest (same webhook-id, same body), and only one that had
        // reached the receiver when its sender was killed, before the sender could record it.
        Assert.All(bySubscriber, g => Assert.Single(g.Select(d => (d.Id, d.Body)).Distinct()));
        var repeated = bySubscriber.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.All(repeated, id => Assert.Contains(id, beforeKill));
        Assert.All(bySubscriber, g => Assert.InRange(g.Count(), 1, 2));
        var ledger = services.GetRequiredService<IDeliveryLedger>();
        foreach (var g in bySubscriber)
        {
            Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync(g.Key, g.First().Id, CancellationToken.None))?.State);
        }
    }

    private static string Subscription(ReceivedWebhook webhook) => webhook.Json.GetProperty("subscriptionId").GetString()!;

    private static async Task WaitForAsync(Func<bool> done, TimeSpan bound, string failure)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
