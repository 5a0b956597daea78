using Alerts.Channels.Email;
using Alerts.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// The SMTP sender keeps its connections: a batch of digests opens a few, not one per message; a relay that drops
/// them (restarted) costs one reconnect, not a failed digest; and the number open at once stays within the setting.
/// </summary>
public sealed class SmtpConnectionReuseTests
{
    [Fact]
    public async Task Fifty_emails_sent_eight_at_a_time_open_at_most_the_configured_connections()
    {
        await using var relay = await SmtpCatcher.StartAsync();
        using var sender = Sender(relay, connections: 3);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Chunk(8).Select(async chunk =>
        {
            var results = new List<DeliveryOutcome>();
            foreach (var i in chunk)
            {
                results.Add(await sender.SendAsync(Message(i), CancellationToken.None));
            }
            return results;
        }));

        Assert.All(outcomes.SelectMany(o => o), o => Assert.Equal(DeliveryResult.Sent, o.Result));
        Assert.Equal(50, relay.Messages.Count);
        Assert.InRange(sender.ConnectionsOpened, 1, 3);
        Assert.True(relay.Sessions <= sender.ConnectionsOpened + 1, $"{relay.Sessions} sessions"); // + the catcher's own readiness probe
    }

    [Fact]
    public async Task A_relay_that_dropped_the_kept_connection_costs_a_reconnect_not_a_failed_email()
    {
        await using var relay = await SmtpCatcher.StartAsync();
        using var sender = Sender(relay, connections: 1);
        Assert.Equal(DeliveryResult.Sent, (await sender.SendAsync(Message(1), CancellationToken.None)).Result);

        await relay.StopAsync();
        await relay.StartAgainAsync();
        var outcome = await sender.SendAsync(Message(2), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent, outcome.Result);
        Assert.Equal(2, relay.Messages.Count);
        Assert.Equal(2, sender.ConnectionsOpened);
    }

    [Fact]
    public async Task A_connection_is_replaced_after_the_messages_per_connection_limit()
    {
        await using var relay = await SmtpCatcher.StartAsync();
        using var sender = Sender(relay, connections: 1, perConnection: 4);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(DeliveryResult.Sent, (await sender.SendAsync(Message(i), CancellationToken.None)).Result);
        }

        Assert.Equal(3, sender.ConnectionsOpened); // 4 + 4 + 2
        Assert.True(relay.Sessions <= 4, $"{relay.Sessions} sessions"); // + the catcher's own readiness probe
    }

    private static SmtpEmailSender Sender(SmtpCatcher relay, int connections, int perConnection = 100) => new(Options.Create(new EmailOptions
    {
        Sender = "alerts@alerts.test",
        SmtpHost = "127.0.0.1",
        SmtpPort = relay.Port,
        UseTls = false,
        SmtpConnections = connections,
        SmtpMessagesPerConnection = perConnection,
    }), NullLogger<SmtpEmailSender>.Instance);

    private static EmailMessage Message(int i) => new()
    {
        To = $"analyst{i}@example.org",
        Subject = "Alerts: test",
        TextBody = "text",
        HtmlBody = "<p>html</p>",
        MessageId = $"dg_{i:D4}",
    };
}
