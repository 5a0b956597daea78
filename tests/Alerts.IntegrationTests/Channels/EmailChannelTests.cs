using System.Text;
using System.Text.RegularExpressions;
using Alerts.Api;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Alerts.IntegrationTests.Channels;

/// <summary>The email channel as the hosts register it, sending through a real SMTP server, with Azurite behind it.</summary>
[Collection(AzuriteGroup.Name)]
public sealed partial class EmailChannelTests(AzuriteFixture azurite)
{
    private static readonly string[] EmergencyRule = ["state-of-emergency"];
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";

    [Fact]
    public async Task An_email_subscription_is_pending_until_the_link_in_the_confirmation_email_is_followed()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp));
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var address = $"analyst-{Guid.NewGuid():N}@example.org";

        var created = await api.CreateAsync(Json(new { channel = "email", target = address, rules = EmergencyRule, cadence = "hourly" }), CancellationToken.None);

        Assert.Equal(201, created.Status);
        var view = Assert.IsType<SubscriptionView>(created.Json);
        Assert.Equal("pending", view.Status);
        var mail = await smtp.WaitForAsync(address);
        Assert.Equal("Confirm your Alerts subscription", mail.Subject);
        Assert.Equal("alerts@alerts.test", mail.From.Mailboxes.Single().Address);
        var link = ConfirmLink().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(ChannelSettings.PublicBaseUrl + "/api/confirm?token=", link, StringComparison.Ordinal);
        Assert.Contains(link.Replace("&", "&amp;", StringComparison.Ordinal), mail.HtmlBody, StringComparison.Ordinal);

        var confirmed = await api.ConfirmAsync(ChannelSettings.Token(link), CancellationToken.None);

        Assert.Equal(200, confirmed.Status);
        Assert.Equal(SubscriptionStatus.Active, (await h.Subscriptions.GetAsync(view.Id, CancellationToken.None))?.Status);
        Assert.Single(smtp.To(address)); // only the confirmation so far
    }

    [Theory]
    [InlineData("analyst@example.org\r\nBcc: victim@example.org")]
    [InlineData("Analyst <analyst@example.org>")]
    [InlineData("not-an-address")]
    public async Task Bad_addresses_are_refused_and_nothing_is_sent(string target)
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp));
        var api = h.Services.GetRequiredService<SubscriptionApi>();

        var created = await api.CreateAsync(Json(new { channel = "email", target, rules = EmergencyRule }), CancellationToken.None);

        Assert.Equal(400, created.Status);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_digest_email_encodes_article_text_and_its_unsubscribe_link_stops_further_digests()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp));
        var address = $"desk-{Guid.NewGuid():N}@example.org";
        var sub = await h.SubscribeAsync(Channel.Email, address, CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("<script>alert(1)</script> Emergency declared", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);

        var mail = await smtp.WaitForAsync(address);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<script>alert(1)</script> Emergency declared", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<mark>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("State of emergency declared", mail.TextBody, StringComparison.Ordinal);

        var listUnsubscribe = mail.Headers[HeaderId.ListUnsubscribe] ?? "";
        Assert.Matches(@"^<https://alerts\.test/api/unsubscribe\?token=[^>]+>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains(listUnsubscribe.Trim('<', '>'), mail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("dg_", mail.MessageId, StringComparison.Ordinal);

        // One click (RFC 8058: the mail client POSTs to the link).
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var unsubscribed = await api.UnsubscribeAsync(ChannelSettings.Token(listUnsubscribe), CancellationToken.None);
        Assert.Equal(200, unsubscribed.Status);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))?.Status);

        await h.AnalyseAsync(DeliveryHarness.Story("Emergency extended", Emergency + " It was extended on Friday."));
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Single(smtp.To(address));
    }

    [Fact]
    public async Task With_the_relay_down_the_digest_waits_and_is_delivered_once_when_it_is_back()
    {
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(smtp));
        var address = $"desk-{Guid.NewGuid():N}@example.org";
        var sub = await h.SubscribeAsync(Channel.Email, address, CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await smtp.StopAsync();

        await h.Delivery.RunAsync(CancellationToken.None);

        var record = await SingleOutstandingAsync(h, sub.Id);
        Assert.Equal(DeliveryState.Pending, record.State);
        Assert.Contains("unavailable", record.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);

        await smtp.StartAgainAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);

        await smtp.WaitForAsync(address);
        await Task.Delay(200);
        Assert.Single(smtp.To(address));
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(sub.Id, record.DigestId, CancellationToken.None))?.State);
    }

    internal static async Task<DeliveryRecord> SingleOutstandingAsync(DeliveryHarness h, string subscriptionId)
    {
        var records = new List<DeliveryRecord>();
        await foreach (var r in h.Ledger.ListOutstandingAsync(subscriptionId, CancellationToken.None))
        {
            records.Add(r);
        }
        return Assert.Single(records);
    }

    private static MemoryStream Json(object body) => new(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(body)));

    [GeneratedRegex(@"https://alerts\.test/api/confirm\?token=[A-Za-z0-9_\-.%]+")]
    private static partial Regex ConfirmLink();
}
