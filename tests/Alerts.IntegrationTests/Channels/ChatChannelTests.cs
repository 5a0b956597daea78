using System.Text;
using System.Text.Json;
using Alerts.Api;
using Alerts.Delivery;
using Alerts.IntegrationTests.Delivery;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Channels;

/// <summary>
/// The Teams and Slack channels as the hosts register them, posting to loopback receivers that play each platform and
/// check every payload against its rules, with Azurite behind them.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ChatChannelTests(AzuriteFixture azurite)
{
    private static readonly string[] EmergencyRule = ["state-of-emergency"];
    private const string Emergency = "The government declared a state of emergency in the capital on Monday.";
    private const string Hostile = "Readers <!channel> and <!here>, <@U024BE7LH>: <https://evil.example/steal|click here> *now* _please_ `rm -rf` "
        + "[a link](https://evil.example) <script>alert(1)</script> &amp; the government declared a state of emergency on Monday.";

    public static TheoryData<string> Platforms => ["teams", "slack"];

    private static readonly JsonSerializerOptions AsWritten = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task<ChatReceiver> ReceiverFor(string platform) => platform == "teams" ? ChatReceiver.TeamsAsync() : ChatReceiver.SlackAsync();

    private static Channel ChannelOf(string platform) => platform == "teams" ? Channel.Teams : Channel.Slack;

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Subscribing_posts_a_subscribed_message_and_the_subscription_is_active_with_its_url_masked(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var api = h.Services.GetRequiredService<SubscriptionApi>();

        var created = await api.CreateAsync(Json(new { channel = platform, target = receiver.Url.ToString(), rules = EmergencyRule, cadence = "immediate" }), CancellationToken.None);

        Assert.Equal(201, created.Status);
        var view = Assert.IsType<SubscriptionView>(created.Json);
        Assert.Equal("active", view.Status);
        Assert.Equal(platform, view.Channel);
        Assert.Null(view.SigningSecret);
        Assert.Equal($"http://{receiver.Url.Authority}/…", view.Target);
        var subscribed = Assert.Single(receiver.Posted);
        Assert.Empty(subscribed.Problems);
        Assert.Contains("Alerts subscription started", subscribed.Body, StringComparison.Ordinal);
        Assert.Contains(view.Id, subscribed.Body, StringComparison.Ordinal);
        Assert.StartsWith("application/json", subscribed.ContentType, StringComparison.Ordinal);
        Assert.Empty(subscribed.WebhookHeaders); // unsigned: the platforms have no use for Standard Webhooks headers
        var listed = JsonSerializer.Serialize((await api.ListAsync(null, CancellationToken.None)).Json);
        Assert.DoesNotContain(receiver.Url.AbsolutePath, listed, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_url_that_does_not_accept_the_subscribed_message_is_refused_and_nothing_is_stored(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Then(404);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var before = await CountAsync(h);

        var created = await api.CreateAsync(Json(new { channel = platform, target = receiver.Url.ToString(), rules = EmergencyRule }), CancellationToken.None);

        Assert.Equal(422, created.Status);
        Assert.Contains("HTTP 404", JsonSerializer.Serialize(created.Json), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(h));
    }

    [Theory]
    [InlineData("slack", "no_service")]
    [InlineData("teams", "{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow could not be found.\"}}")]
    public async Task A_webhook_not_found_at_subscribe_time_is_refused_saying_so_and_nothing_is_stored(string platform, string body)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Then(404, body: body);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var api = h.Services.GetRequiredService<SubscriptionApi>();
        var before = await CountAsync(h);

        var created = await api.CreateAsync(Json(new { channel = platform, target = receiver.Url.ToString(), rules = EmergencyRule }), CancellationToken.None);

        Assert.Equal(422, created.Status);
        var problem = JsonSerializer.Serialize(created.Json, AsWritten);
        Assert.Contains("was not found", problem, StringComparison.Ordinal);
        Assert.Contains(platform == "slack" ? "HTTP 404 Not Found no_service" : "HTTP 404 Not Found WorkflowNotFound", problem, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.Url.AbsolutePath, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be found", problem, StringComparison.Ordinal); // the code, not the platform's message
        Assert.Equal(before, await CountAsync(h));
    }

    [Theory]
    [InlineData("slack", 404, "no_service")]
    [InlineData("slack", 404, "channel_not_found")]
    [InlineData("slack", 410, "channel_is_archived")]
    [InlineData("slack", 403, "invalid_token")]
    [InlineData("slack", 403, "action_prohibited")]
    [InlineData("teams", 404, "WorkflowNotFound")]
    [InlineData("teams", 400, "WorkflowTriggerIsNotEnabled")]
    public async Task A_webhook_the_platform_says_is_gone_pauses_the_subscription_with_its_code_and_gets_nothing_more(string platform, int status, string code)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Always = status;
        receiver.AlwaysBody = platform == "teams" ? $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"Could not execute workflow.\"}}}}" : code;
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var first = await h.AnalyseAsync(DeliveryHarness.Story("First emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(first.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);

        var paused = (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))!;
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        Assert.StartsWith($"{(platform == "teams" ? "Teams" : "Slack")} answered HTTP {status} ", paused.LastError, StringComparison.Ordinal);
        Assert.Contains($" {code}: ", paused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not execute", paused.LastError, StringComparison.Ordinal);
        var view = JsonSerializer.Serialize((await h.Services.GetRequiredService<SubscriptionApi>().GetAsync(sub.Id, CancellationToken.None)).Json, AlertsJson.Options);
        Assert.Contains("\"status\":\"paused\"", view, StringComparison.Ordinal);
        Assert.Contains(code, view, StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.Url.AbsolutePath, view, StringComparison.Ordinal);
        await foreach (var _ in h.Ledger.ListOutstandingAsync(sub.Id, CancellationToken.None))
        {
            Assert.Fail("A gone webhook's alert is not left to retry.");
        }

        // The next alert is not even tried: the subscription is paused until its owner resumes it.
        var second = await h.AnalyseAsync(DeliveryHarness.Story("Second emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(second.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);
        Assert.Single(receiver.Received);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_message_the_platform_refuses_fails_after_one_attempt_instead_of_retrying(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Always = 400;
        receiver.AlwaysBody = platform == "teams" ? "{\"error\":{\"code\":\"InvalidRequestContent\"}}" : "invalid_payload";
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);
        foreach (var wait in new[] { 1, 5, 30 })
        {
            h.Clock.Advance(TimeSpan.FromMinutes(wait));
            await h.Delivery.RunAsync(CancellationToken.None);
        }

        Assert.Single(receiver.Received);
        await foreach (var _ in h.Ledger.ListOutstandingAsync(sub.Id, CancellationToken.None))
        {
            Assert.Fail("A refused message is not left to retry.");
        }
        var failed = new List<DeliveryRecord>();
        await foreach (var r in h.Ledger.ListByStateAsync(DeliveryState.Failed, CancellationToken.None))
        {
            if (r.SubscriptionId == sub.Id)
            {
                failed.Add(r);
            }
        }
        var record = Assert.Single(failed);
        Assert.Equal(DeliveryState.Failed, record.State);
        Assert.Null(record.NextAttemptAt);
        Assert.Equal(1, record.Attempts);
        Assert.Contains(platform == "teams" ? "HTTP 400 Bad Request InvalidRequestContent: Teams refused the message" : "HTTP 400 Bad Request invalid_payload: Slack refused the message", record.LastError, StringComparison.Ordinal);
        var after = (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))!;
        Assert.Equal(SubscriptionStatus.Failing, after.Status); // as after the last retry: `alerts redeliver` sends it again
        Assert.Equal(record.LastError, after.LastError);
    }

    public static TheoryData<string, string> HostileAnswers => new()
    {
        { "slack", "<html><body><h1>no_service</h1>\r\n<script>alert(document.cookie)</script>\n" + new string('A', 1024 * 1024) + "</body></html>" },
        { "teams", "{\"error\":{\"code\":\"<img src=x onerror=alert(1)>\\nWorkflowNotFound\",\"message\":\"" + new string('M', 1024 * 1024) + "\"}}" },
        { "slack", "no_service\nSet-Cookie: session=stolen\n\n" + new string('\n', 50_000) + "https://evil.example/phish" },
    };

    [Theory]
    [MemberData(nameof(HostileAnswers))]
    public async Task A_huge_or_hostile_error_body_leaves_a_bounded_plain_reason(string platform, string body)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Always = 404;
        receiver.AlwaysBody = body;
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);

        var paused = (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))!;
        Assert.Equal(SubscriptionStatus.Paused, paused.Status);
        var reason = paused.LastError!;
        Assert.StartsWith($"{(platform == "teams" ? "Teams" : "Slack")} answered HTTP 404 Not Found: ", reason, StringComparison.Ordinal);
        Assert.True(reason.Length <= 200, reason);
        Assert.All(reason, c => Assert.False(char.IsControl(c)));
        foreach (var hostile in new[] { "<", ">", "script", "Set-Cookie", "evil.example", "AAAA", "MMMM" })
        {
            Assert.DoesNotContain(hostile, reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("slack", "https://10.0.0.7/services/T1/B1/x", "private")]
    [InlineData("teams", "https://169.254.169.254/workflows/x", "private")]
    [InlineData("slack", "https://[::ffff:127.0.0.1]/services/x", "IPv4 address written as IPv6")]
    [InlineData("teams", "http://hooks.example.org/workflows/x", "https://")]
    public async Task A_private_or_plain_http_target_is_refused_before_anything_is_posted(string platform, string target, string why)
    {
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(allowLoopback: false));
        var api = h.Services.GetRequiredService<SubscriptionApi>();

        var created = await api.CreateAsync(Json(new { channel = platform, target, rules = EmergencyRule }), CancellationToken.None);

        Assert.Equal(400, created.Status);
        Assert.Contains(why, JsonSerializer.Serialize(created.Json), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_target_that_turns_private_after_subscribing_is_refused_when_sending(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For(allowLoopback: false));
        // Stored directly, as if the name had resolved to a public address at subscribe time (DNS rebinding).
        var https = new UriBuilder(receiver.Url) { Scheme = "https" }.Uri.ToString();
        var sub = await h.SubscribeAsync(ChannelOf(platform), https, CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);

        Assert.Empty(receiver.Received);
        Assert.StartsWith("Refused target: refused: '127.0.0.1' resolves to an address", (await EmailChannelTests.SingleOutstandingAsync(h, sub.Id)).LastError, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task Hostile_article_text_reaches_the_channel_escaped_and_cannot_mention_link_or_format(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var result = await h.AnalyseAsync(DeliveryHarness.Story("<!channel> *Breaking* <https://evil.example|Emergency> declared", Hostile));
        await h.Delivery.DeliverImmediateAsync(result.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);

        var alert = Assert.Single(receiver.Received);
        Assert.Empty(alert.Problems); // in particular, Slack text has no control sequence other than our own http(s) links
        Assert.Equal(platform == "teams" ? 202 : 200, alert.Status);
        using var json = JsonDocument.Parse(alert.Body);
        var text = platform == "teams" ? TeamsText(json.RootElement) : SlackText(json.RootElement);
        if (platform == "slack")
        {
            Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil.example", text, StringComparison.Ordinal);
            Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", text, StringComparison.Ordinal);
            Assert.DoesNotContain("*now*", text, StringComparison.Ordinal);
        }
        else
        {
            // Teams: article text only in text runs, shown as written; no button leads to the attacker's site.
            Assert.Contains("<!channel>", AllRuns(json.RootElement), StringComparison.Ordinal);
            Assert.DoesNotContain("evil.example", TextBlocksAndActions(json.RootElement), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_receiver_answering_429_then_200_gets_exactly_one_message(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        receiver.Then(429, retryAfter: "30");
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Emergency", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        await h.Delivery.RunAsync(CancellationToken.None);
        var waiting = await EmailChannelTests.SingleOutstandingAsync(h, sub.Id);
        Assert.Equal("HTTP 429 Too Many Requests", waiting.LastError);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Delivery.RunAsync(CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(2, receiver.Received.Count);
        var posted = Assert.Single(receiver.Posted);
        Assert.Empty(posted.Problems);
        Assert.Contains("Emergency", posted.Body, StringComparison.Ordinal);
        await foreach (var _ in h.Ledger.ListOutstandingAsync(sub.Id, CancellationToken.None))
        {
            Assert.Fail("Nothing should be outstanding once the message was accepted.");
        }
    }

    [Fact]
    public async Task A_receiver_failing_with_500_for_ever_does_not_hold_up_the_others()
    {
        await using var broken = await ChatReceiver.TeamsAsync();
        broken.Always = 500;
        await using var teams = await ChatReceiver.TeamsAsync();
        await using var slack = await ChatReceiver.SlackAsync();
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var down = await h.SubscribeAsync(Channel.Teams, broken.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");
        await h.SubscribeAsync(Channel.Teams, teams.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");
        await h.SubscribeAsync(Channel.Slack, slack.Url.ToString(), CadenceKind.Immediate, "state-of-emergency");

        var first = await h.AnalyseAsync(DeliveryHarness.Story("First emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(first.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);
        var second = await h.AnalyseAsync(DeliveryHarness.Story("Second emergency", Emergency));
        await h.Delivery.DeliverImmediateAsync(second.Analysis!.Article.Id, EmergencyRule, CancellationToken.None);

        Assert.Equal(2, teams.Posted.Count());
        Assert.Equal(2, slack.Posted.Count());
        Assert.All(teams.Posted.Concat(slack.Posted), m => Assert.Empty(m.Problems));
        Assert.Contains(teams.Posted, m => m.Body.Contains("Second emergency", StringComparison.Ordinal));
        Assert.Empty(broken.Posted);
        var outstanding = new List<DeliveryRecord>();
        await foreach (var r in h.Ledger.ListOutstandingAsync(down.Id, CancellationToken.None))
        {
            outstanding.Add(r);
        }
        Assert.Equal(2, outstanding.Count);
        Assert.All(outstanding, r => Assert.Equal("HTTP 500 Internal Server Error", r.LastError));
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task An_hourly_digest_arrives_as_one_message_naming_the_article_the_rule_and_the_unsubscribe_link(string platform)
    {
        await using var receiver = await ReceiverFor(platform);
        await using var h = await DeliveryHarness.StartAsync(azurite, [], ChannelSettings.For());
        var sub = await h.SubscribeAsync(ChannelOf(platform), receiver.Url.ToString(), CadenceKind.Hourly, "state-of-emergency");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.AnalyseAsync(DeliveryHarness.Story("Capital under emergency rule", Emergency));
        await h.AnalyseAsync(DeliveryHarness.Story("Second city under emergency rule", Emergency));
        h.Clock.Advance(TimeSpan.FromMinutes(10));

        var summary = await h.Delivery.RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Sent);
        var digest = Assert.Single(receiver.Posted);
        Assert.Empty(digest.Problems);
        Assert.Contains("2 articles matched your alerts", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Capital under emergency rule", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Second city under emergency rule", digest.Body, StringComparison.Ordinal);
        Assert.True(digest.Body.Contains(" in the capital on Monday.", StringComparison.Ordinal), digest.Body); // the snippet, after its marked words
        Assert.Contains($"{ChannelSettings.PublicBaseUrl}/api/unsubscribe?token=", digest.Body, StringComparison.Ordinal);
        Assert.Equal(SubscriptionStatus.Active, (await h.Subscriptions.GetAsync(sub.Id, CancellationToken.None))!.Status);
    }

    private static string SlackText(JsonElement root) => root.GetProperty("text").GetString() + "\n" + string.Join("\n", root.GetProperty("blocks").EnumerateArray()
        .SelectMany(b => b.TryGetProperty("elements", out var e) ? e.EnumerateArray().ToArray() : b.TryGetProperty("text", out var t) ? [t] : [])
        .Select(t => t.GetProperty("text").GetString()));

    private static string TeamsText(JsonElement root) => root.GetRawText();

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        yield return element;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                foreach (var child in Walk(property.Value))
                {
                    yield return child;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(Walk))
            {
                yield return child;
            }
        }
    }

    private static string Type(JsonElement e) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    private static string AllRuns(JsonElement root) => string.Join("\n", Walk(root).Where(e => Type(e) == "TextRun").Select(e => e.GetProperty("text").GetString()));

    private static string TextBlocksAndActions(JsonElement root) => string.Join("\n", Walk(root)
        .Where(e => Type(e) is "TextBlock" or "Action.OpenUrl" or "FactSet").Select(e => e.GetRawText()));

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
