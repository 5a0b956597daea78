using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;
using Alerts.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts subscribe | subscriptions | unsubscribe</c>, directly against storage and against a running app's API.</summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class SubscriptionCommandsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_webhook_is_subscribed_listed_and_unsubscribed(bool throughTheApi)
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = new Dictionary<string, string?>(ChannelSettings.For()) { ["AlertsStorage"] = storage.ConnectionString };
        IHost? app = null;
        string[] target = [];
        if (throughTheApi)
        {
            var api = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
            var options = new LocalHostOptions { ApiUrl = api };
            app = LocalHostBuilder.Build(new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }).Build(), options);
            await app.StartAsync();
            target = ["--api", api.ToString()];
        }
        try
        {
            var (exit, output) = await AlertsCli.RunAsync(settings, ["subscribe", "--webhook", receiver.Url.ToString(), "--rule", "troop-arrivals", "--cadence", "immediate", .. target]);
            Assert.True(exit == 0, output);
            Assert.Contains("active", output, StringComparison.Ordinal);
            Assert.Contains("whsec_", output, StringComparison.Ordinal);
            var id = SubscriptionId().Match(output).Value;
            Assert.NotEmpty(id);

            (exit, output) = await AlertsCli.RunAsync(settings, ["subscriptions", id, .. target]);
            Assert.Equal(0, exit);
            Assert.Contains("troop-arrivals", output, StringComparison.Ordinal);
            Assert.DoesNotContain("whsec_", output, StringComparison.Ordinal); // the secret is shown once, at creation

            (exit, output) = await AlertsCli.RunAsync(settings, ["unsubscribe", id, .. target]);
            Assert.Equal(0, exit);

            await using var services = new AzuriteFixture().BuildServices(settings);
            Assert.Equal(SubscriptionStatus.Unsubscribed, (await services.GetRequiredService<ISubscriptionStore>().GetAsync(id, CancellationToken.None))?.Status);
        }
        finally
        {
            if (app is not null)
            {
                await app.StopAsync();
                app.Dispose();
            }
        }
    }

    [GeneratedRegex(@"\bs[a-z2-7]{20}\b")]
    private static partial Regex SubscriptionId();
}
