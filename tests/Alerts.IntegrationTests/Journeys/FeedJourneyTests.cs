using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Faults;
using Alerts.IntegrationTests.Feeds;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// A feed as its subscriber and their reader use it, on <c>alerts run</c>: subscribe through the HTTP API (and a second
/// feed with <c>alerts subscribe --channel feed</c>), add the URL to a reader (GETs, conditional GETs), stories dropped
/// into the watched folder, a digest run that must leave the feed alone, and unsubscribing, which revokes the URL.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class FeedJourneyTests
{
    private const string Khartoum = "Hundreds Killed As Fighting Engulfs Khartoum; Flights Suspended";
    private static readonly string[] BothRules = ["casualties", "state-of-emergency"];
    private const string Almaty = "Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty";

    [Fact]
    public async Task Subscribe_read_in_a_reader_revalidate_see_new_stories_and_unsubscribe()
    {
        await using var local = await LocalRun.StartAsync(mail: false);
        var ct = CancellationToken.None;

        // Subscribe over the API: no address, no confirmation, the answer carries the URL.
        using var created = await local.Http.PostAsJsonAsync(new Uri($"{local.Api}/api/subscriptions"),
            new { channel = "feed", rules = BothRules }, ct);
        var body = await created.Content.ReadAsStringAsync(ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{created.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("active", json.RootElement.GetProperty("status").GetString());
        var id = json.RootElement.GetProperty("id").GetString()!;
        var url = new Uri(json.RootElement.GetProperty("feedUrl").GetString()!);
        Assert.StartsWith($"{local.Api}/api/feeds/{id}?token=", url.ToString(), StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(url.Query["?token=".Length..]);

        // A second feed from the CLI: it prints the URL, and the list shows it.
        var printed = await local.AlertsOkAsync("subscribe", "--channel", "feed", "--rule", "casualties", "--api", local.Api);
        var other = FeedUrl().Match(printed);
        Assert.True(other.Success, $"No feed URL printed:\n{printed}");
        var otherId = other.Groups["id"].Value;
        var listed = await local.AlertsOkAsync("subscriptions", "--api", local.Api);
        Assert.Contains(listed.Split('\n'), l => l.Contains(otherId, StringComparison.Ordinal) && l.Contains("feed", StringComparison.Ordinal) && l.Contains("active", StringComparison.Ordinal));

        // The reader's first fetch: a valid, empty feed.
        var first = await FetchAsync(local, url);
        Assert.Empty(first.Feed.Items);

        // A story arrives; the feed shows it, with its rule as a category. Nothing is pushed to the feed on the way.
        File.Copy(Path.Combine(TestArticles.RepoRoot, "samples", "sudan-khartoum-fighting.md"), Path.Combine(local.Inbox.FullName, "sudan-khartoum-fighting.md"));
        await local.Run.WaitForLineAsync(l => l.Contains(Khartoum, StringComparison.Ordinal), LocalRun.Patience, "the first story analysed");
        var withOne = await local.EventuallyAsync(async () => await FetchAsync(local, url) is { } f && f.Feed.Items.Any() ? f : null, "the story in the feed");
        var oneTag = withOne.ETag;
        Assert.NotEqual(first.ETag, oneTag);
        var entry = Assert.Single(withOne.Feed.Items);
        Assert.Equal(Khartoum, entry.Title.Text);
        Assert.Contains(entry.Categories, c => c.Name == "casualties");
        Assert.Contains(entry.Links, l => l.RelationshipType is null or "alternate" && l.Uri.IsAbsoluteUri);

        // The reader asks again with its ETag: 304, no body, the same tag.
        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(oneTag));
            using var notModified = await local.Http.SendAsync(again, ct);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(ct));
            Assert.Equal(oneTag, notModified.Headers.ETag?.ToString());
        }

        // Another story: a new tag, and both entries, newest first.
        File.Copy(Path.Combine(TestArticles.RepoRoot, "samples", "kazakhstan-emergency.txt"), Path.Combine(local.Inbox.FullName, "kazakhstan-emergency.txt"));
        await local.Run.WaitForLineAsync(l => l.Contains(Almaty, StringComparison.Ordinal), LocalRun.Patience, "the second story analysed");
        var withTwo = await local.EventuallyAsync(async () => await FetchAsync(local, url) is { } f && f.Feed.Items.Count() == 2 ? f : null, "the second story in the feed");
        Assert.NotEqual(oneTag, withTwo.ETag);
        Assert.Equal([Almaty, Khartoum], withTwo.Feed.Items.Select(i => i.Title.Text));

        // The digest run and send-now leave a feed alone: nothing attempted, no error recorded.
        await local.AlertsOkAsync("send-digests");
        var (sendNowCode, sendNow) = await local.AlertsAsync("send-digests", "--subscription", id, "--now", "--api", local.Api);
        Assert.True(sendNowCode != 0 && sendNow.Contains("feed", StringComparison.Ordinal), sendNow);
        using (var state = JsonDocument.Parse(await local.Http.GetStringAsync(new Uri($"{local.Api}/api/subscriptions/{id}"), ct)))
        {
            Assert.Equal("active", state.RootElement.GetProperty("status").GetString());
            Assert.False(state.RootElement.TryGetProperty("lastError", out var error) && error.ValueKind != JsonValueKind.Null, $"A delivery error was recorded: {error}");
        }

        // The other feed's token does not open this one.
        var otherToken = Uri.UnescapeDataString(other.Groups["token"].Value);
        using (var crossed = await local.Http.GetAsync(new Uri($"{local.Api}/api/feeds/{id}?token={Uri.EscapeDataString(otherToken)}"), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);
        }

        // Unsubscribing revokes the URL.
        await local.AlertsOkAsync("unsubscribe", id, "--api", local.Api);
        using (var revoked = await local.Http.GetAsync(url, ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        }

        local.AssertRunOutputIsOneStyleAndPrivate(token, otherToken, url.Query);
        Assert.DoesNotContain(local.Run.Lines, l => l.Contains(" warn:", StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    private sealed record Fetched(System.ServiceModel.Syndication.SyndicationFeed Feed, string ETag);

    private static async Task<Fetched> FetchAsync(LocalRun local, Uri url)
    {
        using var response = await local.Http.GetAsync(url);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {xml}{local.Run.Tail()}");
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var etag = response.Headers.ETag;
        Assert.True(etag is { IsWeak: false }, "No strong ETag");
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return new Fetched(AtomRules.Check(xml), etag.ToString());
    }

    /// <summary>The URL on a line of its own, as the CLI prints it for copying (the table beside it may wrap it).</summary>
    [GeneratedRegex(@"^https?://\S+/api/feeds/(?<id>s[a-z0-9]+)\?token=(?<token>\S+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex FeedUrl();
}
