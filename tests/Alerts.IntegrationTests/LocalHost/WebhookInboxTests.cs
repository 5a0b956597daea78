using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Alerts.Api;
using Alerts.Channels.Webhooks;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Delivery;
using Alerts.LocalHost;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary><c>alerts receive</c>, the README walkthrough's receiver, against the real onboarding and delivery.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class WebhookInboxTests(AzuriteFixture azurite)
{
    private static readonly string[] Emergency = ["state-of-emergency"];

    [Fact]
    public async Task It_passes_the_handshake_shows_verified_alerts_and_refuses_a_wrong_signature()
    {
        using var shown = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(shown), Ansi = AnsiSupport.No });
        console.Profile.Width = 1000;
        var port = LoopbackPorts.Free();
        var secret = WebhookSignature.NewSecret();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        await using var inbox = WebhookInbox.Build(port, console, secret, h.Clock);
        await inbox.StartAsync();
        var url = $"http://127.0.0.1:{port}/hooks/alerts";

        // The handshake: the subscription becomes active through the real onboarding.
        var created = await h.Services.GetRequiredService<SubscriptionApi>().CreateAsync(
            new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new { channel = "webhook", target = url, rules = Emergency, cadence = "hourly" })),
            CancellationToken.None);
        var handshaken = Assert.IsType<SubscriptionView>(created.Json);
        Assert.Equal("active", handshaken.Status);
        await h.Subscriptions.UpdateAsync(handshaken.Id, s => s with { Status = SubscriptionStatus.Unsubscribed }, CancellationToken.None);

        // A digest signed with the secret the inbox was started with is shown; one signed otherwise is refused.
        var good = await h.SubscribeAsync(Channel.Webhook, url, CadenceKind.Hourly, "state-of-emergency");
        await h.Subscriptions.UpdateAsync(good.Id, s => s with { SigningSecret = secret }, CancellationToken.None);
        var forged = await h.SubscribeAsync(Channel.Webhook, url, CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency declared in the capital", "The president declared a state of emergency in the capital on Monday."));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var summary = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Sent);
        Assert.Equal(1, summary.Failed);
        var text = shown.ToString();
        Assert.Contains("handshake for subscription", text, StringComparison.Ordinal);
        Assert.Contains("signature verified", text, StringComparison.Ordinal);
        Assert.Contains("Emergency declared in the capital", text, StringComparison.Ordinal);
        Assert.Contains("state-of-emergency", text, StringComparison.Ordinal);
        Assert.Contains("refused (401)", text, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Active, (await h.Subscriptions.GetAsync(forged.Id, CancellationToken.None))?.Status); // retried later, not dropped
        await inbox.StopAsync();
    }
}
