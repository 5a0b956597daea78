using System.Net;
using System.Text;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.IntegrationTests.Channels;
using Alerts.IntegrationTests.Delivery;
using Alerts.IntegrationTests.Subscriptions;
using Alerts.Subscriptions;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Feeds;

/// <summary>
/// A feed URL as an attacker meets it: the route is anonymous, so the token is all that guards a subscriber's feed.
/// Every wrong token, whatever is wrong with it, gets the answer an unknown feed gets; markup in a story cannot become
/// markup in the feed; and two readers at once get the same document.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class FeedAbuseTests(AzuriteFixture azurite)
{
    private static readonly string[] Casualties = ["casualties"];

    [Fact]
    public async Task Every_wrong_token_gets_the_answer_an_unknown_feed_gets()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        var (id, token) = await SubscribeAsync(server, "casualties");
        var (otherId, otherToken) = await SubscribeAsync(server, "casualties");
        var unsubscribeToken = await server.Services.GetRequiredService<SubscriptionTokens>().IssueAsync(SubscriptionTokens.Unsubscribe, id, CancellationToken.None);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var unknown = await GetAsync(server, $"/api/feeds/{SubscriptionIds.New()}?token={Uri.EscapeDataString(otherToken)}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, Path(id, token))).Status);

        string[] wrong =
        [
            $"/api/feeds/{id}",
            $"/api/feeds/{id}?token=",
            Path(id, token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]), // signature altered
            Path(id, (token[0] == 'A' ? "B" : "A") + token[1..]), // payload altered
            Path(id, token[..dot]), // no signature
            Path(id, otherToken), // another subscription's genuine token
            Path(otherId, token),
            Path(id, unsubscribeToken), // genuine, but for another purpose
            $"/api/feeds/{id}?token={Uri.EscapeDataString(token)}&token={Uri.EscapeDataString(token)}",
            $"/api/feeds/{id}?token={new string('A', 6000)}",
            $"/api/feeds/{id}?token=%00%FF%3C%3E&x=%25",
            $"/api/feeds/{id.ToUpperInvariant()}?token={Uri.EscapeDataString(token)}",
            $"/api/feeds/..%2F{id}?token={Uri.EscapeDataString(token)}",
        ];
        foreach (var path in wrong)
        {
            var answer = await GetAsync(server, path);
            Assert.True(answer == unknown, $"{path[..Math.Min(path.Length, 120)]}: {answer.Status} {answer.Body}, not {unknown.Status} {unknown.Body}");
        }

        // A request too long for the server is refused before any handler runs; never a 200 or a 5xx.
        var huge = await GetAsync(server, Path(id, token) + "&pad=" + new string('x', 100_000));
        Assert.True(huge.Status is HttpStatusCode.NotFound or HttpStatusCode.RequestUriTooLong or HttpStatusCode.RequestHeaderFieldsTooLarge or HttpStatusCode.BadRequest, $"{huge.Status}");
    }

    [Fact]
    public async Task Markup_and_control_characters_in_a_story_stay_text_in_the_feed()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        var (id, token) = await SubscribeAsync(server, "state-of-emergency");
        const string Hostile = "<script>alert(1)</script> Emergency & \"quotes\" ]]> <b>bold</b>\u0007 end";
        // A body of its own: the shared wire story's body would fold this upload into another outlet's copy of it, and
        // the feed shows a story once, under its first article's title.
        var body = $"\n\nBy Test Wire January 8, 2031\n\nThe government declared a state of emergency in the capital on Monday. Reference {DeliveryHarness.UniqueCodes()}.\n";
        await using (var services = azurite.BuildServices(ChannelSettings.For()))
        {
            // Plain text: its first line is the title as written (Markdown and HTML uploads lose their tags on parsing).
            var result = await services.GetRequiredService<ArticleProcessor>().ProcessAsync("hostile.txt", new MemoryStream(Encoding.UTF8.GetBytes(Hostile + "\n" + body)), CancellationToken.None);
            Assert.Equal(Alerts.Storage.UploadStatus.Analysed, result.Upload.Status);
            Assert.Contains("<script>", result.Analysis!.Article.Title, StringComparison.Ordinal);
        }

        var feed = await GetAsync(server, Path(id, token));

        Assert.Equal(HttpStatusCode.OK, feed.Status);
        Assert.DoesNotContain("<script", feed.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", feed.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", feed.Body, StringComparison.Ordinal);
        // Other tests' stories meet the same rule on the shared storage: this one is found by its (decoded) title.
        var item = Assert.Single(AtomRules.Check(feed.Body).Items, i => i.Title.Text.Contains("<script>alert(1)</script> Emergency & \"quotes\" ]]> <b>bold</b>", StringComparison.Ordinal));
        Assert.DoesNotContain('\u0007', item.Title.Text);
        Assert.Contains(item.Categories, c => c.Name == "state-of-emergency");
    }

    [Fact]
    public async Task Two_readers_at_once_get_the_same_document_and_tag()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());
        var (id, token) = await SubscribeAsync(server, "casualties", "state-of-emergency");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.Http.GetAsync(new Uri(Path(id, token), UriKind.Relative))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(answers.Select(a => a.Headers.ETag?.Tag).Distinct());
        Assert.Single((await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))).Distinct(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_feed_takes_no_address_and_no_digest_cadence()
    {
        await using var server = await ApiServer.StartAsync(azurite, ChannelSettings.For());

        var withTarget = await server.Http.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), SubscriptionRows.Json(new { channel = "feed", target = "reader@example.org", rules = Casualties }));
        var daily = await server.Http.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), SubscriptionRows.Json(new { channel = "feed", cadence = "daily", rules = Casualties }));
        var (id, _) = await SubscribeAsync(server, "casualties");
        var patched = await server.Http.PatchAsync(new Uri($"/api/subscriptions/{id}", UriKind.Relative), SubscriptionRows.Json(new { cadence = "hourly" }));

        Assert.Equal(HttpStatusCode.BadRequest, withTarget.StatusCode);
        Assert.Contains("a feed has no target", await withTarget.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, daily.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Contains("cadence", await patched.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Path(string id, string token) => $"/api/feeds/{id}?token={Uri.EscapeDataString(token)}";

    private static async Task<(string Id, string Token)> SubscribeAsync(ApiServer server, params string[] rules)
    {
        using var created = await server.Http.PostAsync(new Uri("/api/subscriptions", UriKind.Relative), SubscriptionRows.Json(new { channel = "feed", rules }));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var url = json.RootElement.GetProperty("feedUrl").GetString()!;
        return (json.RootElement.GetProperty("id").GetString()!, ChannelSettings.Token(url));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(ApiServer server, string path)
    {
        using var response = await server.Http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
