using System.Diagnostics;
using Alerts.Analysis;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Cli;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// The worst moment to die: the digest has reached the subscriber but the ledger does not know yet. A real process
/// (<c>alerts send-digests</c>) is killed by the receiver the instant the signed digest arrives.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class SenderKilledTests
{
    [Fact]
    public async Task A_sender_killed_after_the_send_and_before_the_ledger_write_leads_to_one_resend_with_the_same_webhook_id()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var topOfHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        // The story matched ten minutes before the last full hour the child, on the real clock, will see as closed.
        var clock = new FakeTimeProvider((now - topOfHour < TimeSpan.FromMinutes(2) ? topOfHour.AddHours(-1) : topOfHour).AddMinutes(-10));
        var settings = new Dictionary<string, string?>(ChannelSettings.For(timeout: "00:00:10")) { ["AlertsStorage"] = storage.ConnectionString };
        await using var services = new AzuriteFixture().BuildServices(settings, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));

        var subscription = new Subscription
        {
            Id = SubscriptionIds.New(),
            Channel = Channel.Webhook,
            Target = receiver.Url.ToString(),
            Rules = ["state-of-emergency"],
            Cadence = Cadence.Hourly,
            Status = SubscriptionStatus.Active,
            CreatedAt = clock.GetUtcNow().AddHours(-2),
            ConfirmedAt = clock.GetUtcNow().AddHours(-2),
            SigningSecret = WebhookSignature.NewSecret(),
        };
        receiver.Secret = subscription.SigningSecret;
        await services.GetRequiredService<ISubscriptionStore>().AddAsync(subscription, CancellationToken.None);
        await services.GetRequiredService<ArticleProcessor>().ProcessAsync("emergency.txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(TestArticles.UniqueWireStory())), CancellationToken.None);

        using var child = StartSendDigests(settings);
        receiver.ThenRun(async () =>
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        });
        using (var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await child.WaitForExitAsync(bounded.Token);
        }

        var first = Assert.Single(receiver.Digests);
        Assert.True(first.Verified);
        var ledger = services.GetRequiredService<IDeliveryLedger>();
        var record = await ledger.GetAsync(subscription.Id, first.Id, CancellationToken.None);
        Assert.Equal(DeliveryState.Sending, record?.State); // claimed, sent, never recorded

        // The next timer run, once the dead run's claim has expired: the same digest again, then never again.
        clock.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(5));
        var delivery = services.GetRequiredService<DeliveryService>();
        await delivery.RunAsync(CancellationToken.None);
        await delivery.RunAsync(CancellationToken.None);

        Assert.Equal(2, receiver.Digests.Count());
        Assert.Single(receiver.Digests.Select(d => d.Id).Distinct());
        Assert.Equal(first.Body, receiver.Digests.Last().Body);
        Assert.Equal(DeliveryState.Sent, (await ledger.GetAsync(subscription.Id, first.Id, CancellationToken.None))?.State);
    }

    private static Process StartSendDigests(Dictionary<string, string?> settings)
    {
        var process = AlertsCli.Start(settings, "send-digests");
        // Drain its output so it never blocks on a full pipe before the receiver kills it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
