using System.Text;
using System.Text.Json;
using Alerts.Api;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Channels;

/// <summary>The webhook channel as the hosts register it, posting to a real Kestrel receiver, with Azurite behind it.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class WebhookChannelTests(AzuriteFixture azurite)
{
    private static readonly string[] EmergencyRule = ["state-of-emergency"];
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";
    private const string EmergencyAndTroops = "The government declared a state of emergency on Monday. The first paratroopers arrived in the capital overnight.";

    [Fact]
    public async Task A_webhook_that_echoes_the_validation_code_is_active_with_its_own_secret_returned_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var api = h.Services.GetRequiredService<SubscriptionApi>();

        var created = await api.CreateAsync(Json(new { channel = "webhook", target = receiver.Url.ToString(), rules = EmergencyRule, cadence = "immediate" }), CancellationToken.None);

        Assert.Equal(201, created.Status);
        var view = Assert.IsType<SubscriptionView>(created.Json);
        Assert.Equal("active", view.Status);
        Assert.StartsWith("whsec_", view.SigningSecret, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(view.SigningSecret!["whsec_".Length..]).Length >= 24);

        var handshake = Assert.Single(receiver.Received);
        Assert.Equal(WebhookValidation.ValidationType, handshake.Type);
        Assert.Equal(view.Id, handshake.Json.GetProperty("subscriptionId").GetString());
        Assert.False(string.IsNullOrEmpty(handshake.Json.GetProperty("validationCode").GetString()));
        Assert.True(WebhookSignature.Verify(view.SigningSecret!, handshake.Id, handshake.Timestamp, handshake.Body, handshake.Signature, WebhookSignature.DefaultTolerance, h.Clock.GetUtcNow()));

        var shown = await api.GetAsync(view.Id, CancellationToken.None);
        Assert.Null(Assert.IsType<SubscriptionView>(shown.Json).SigningSecret);
    }

    [Fact]
    public async Task A_webhook_that_does_not_echo_the_code_is_refused_and_not_stored()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.EchoValidation = false;
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var before = await CountAsync(h);

        var created = await api.CreateAsync(Json(new { channel = "webhook", target = receiver.Url.ToString(), rules = EmergencyRule }), CancellationToken.None);

        Assert.Equal(422, created.Status);
        Assert.Single(receiver.Received);
        Assert.Equal(before, await CountAsync(h));
    }

    [Fact]
    public async Task A_digest_groups_an_articles_rules_and_arrives_signed_with_the_documented_payload()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        receiver.Now = h.Clock.GetUtcNow;
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency", "troop-arrivals");
        receiver.Secret = sub.SigningSecret;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency and troops", EmergencyAndTroops));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var summary = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Sent);
        var hook = Assert.Single(receiver.Digests);
        Assert.True(hook.Verified);
        var json = hook.Json;
        Assert.Equal(hook.Id, json.GetProperty("id").GetString());
        Assert.StartsWith("dg_", hook.Id, StringComparison.Ordinal);
        Assert.Equal(sub.Id, json.GetProperty("subscriptionId").GetString());
        Assert.Equal("scheduled", json.GetProperty("kind").GetString());
        Assert.True(json.GetProperty("window").GetProperty("end").GetDateTimeOffset() > json.GetProperty("window").GetProperty("start").GetDateTimeOffset());
        var article = Assert.Single(json.GetProperty("articles").EnumerateArray());
        Assert.Equal("Emergency and troops", article.GetProperty("title").GetString());
        Assert.Equal("critical", article.GetProperty("severity").GetString());
        Assert.Equal(["state-of-emergency", "troop-arrivals"], article.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("rule").GetString()).Order());
        Assert.All(article.GetProperty("matches").EnumerateArray(), m => Assert.NotEmpty(m.GetProperty("snippets").EnumerateArray()));
    }

    [Fact]
    public async Task A_receiver_error_is_retried_with_the_same_webhook_id_and_the_digest_is_delivered_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The receiver's own reason phrase is its text, not ours: the record keeps the status's standard name.
        receiver.Then(500, reasonPhrase: "<b>Call 555-0100</b> " + new string('x', 2000));
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        receiver.Now = h.Clock.GetUtcNow;
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        receiver.Secret = sub.SigningSecret;
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);
        var record = await EmailChannelTests.SingleOutstandingAsync(h, sub.Id);
        Assert.Equal("HTTP 500 Internal Server Error", record.LastError);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);

        var hooks = receiver.Digests.ToList();
        Assert.Equal(2, hooks.Count);
        Assert.Equal(hooks[0].Id, hooks[1].Id);
        Assert.NotEqual(hooks[0].Timestamp, hooks[1].Timestamp);
        Assert.All(hooks, x => Assert.True(x.Verified));
        Assert.Equal(DeliveryState.Sent, (await h.Ledger.GetAsync(sub.Id, hooks[0].Id, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task Gone_pauses_the_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Then(410);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        var paused = await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None);
        Assert.Equal(SubscriptionStatus.Paused, paused?.Status);
        Assert.Equal("HTTP 410 Gone", paused?.LastError);
    }

    [Fact]
    public async Task Retry_after_from_the_receiver_postpones_the_next_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Then(503, retryAfter: "600");
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);

        var record = await EmailChannelTests.SingleOutstandingAsync(h, sub.Id);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromMinutes(10), record.NextAttemptAt);
        h.Clock.Advance(TimeSpan.FromMinutes(5)); // past the schedule's 1 minute, short of Retry-After
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Single(receiver.Digests);
    }

    [Fact]
    public async Task A_receiver_that_hangs_times_out_and_the_digest_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.ThenHang();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(timeout: "00:00:01"));
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);

        var record = await EmailChannelTests.SingleOutstandingAsync(h, sub.Id);
        Assert.Equal(DeliveryState.Pending, record.State);
        Assert.Equal("No answer within 1 s.", record.LastError);
    }

    [Fact]
    public async Task A_redirect_to_a_private_address_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.ThenRedirect("http://10.0.0.1/hook");
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        Assert.Single(receiver.Received);
        var record = await EmailChannelTests.SingleOutstandingAsync(h, sub.Id);
        Assert.Equal("HTTP 302: redirects are not followed", record.LastError);
    }

    [Fact]
    public async Task Without_the_loopback_switch_a_stored_loopback_target_is_refused_when_sending()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(allowLoopback: false));
        // Stored directly, as if the address had resolved elsewhere at subscribe time (DNS rebinding).
        var https = new UriBuilder(receiver.Url) { Scheme = "https" }.Uri.ToString();
        var sub = await h.SubscribeAsync(Channel.Webhook, https, CadenceKind.Immediate, "state-of-emergency");
        var http = await h.SubscribeAsync(Channel.Webhook, receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, ["state-of-emergency"], CancellationToken.None);

        Assert.Empty(receiver.Received);
        Assert.StartsWith("Refused target: refused: '127.0.0.1' resolves to an address", (await EmailChannelTests.SingleOutstandingAsync(h, sub.Id)).LastError, StringComparison.Ordinal);
        Assert.StartsWith("Refused target: must be an https:// URL", (await EmailChannelTests.SingleOutstandingAsync(h, http.Id)).LastError, StringComparison.Ordinal);
    }

    private static async Task<int> CountAsync(DeliveryHarness h)
    {
        var n = 0;
        await foreach (var _ in h.Subscriptions.ListAsync(CancellationToken.None))
        {
            n++;
        }
        return n;
    }

    private static MemoryStream Json(object body) => new(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body)));
}
