using System.Text;
using System.Text.Json;
using Alerts.Channels.Chat;
using Alerts.Testing;

namespace Alerts.Tests.Channels;

/// <summary>What a Slack channel shows: Block Kit within Slack's limits, article text that cannot mention or link.</summary>
public sealed class SlackPayloadTests
{
    private static (string Body, JsonElement Root) Build(ChatDigest digest)
    {
        var body = Encoding.UTF8.GetString(SlackPayload.Build(digest));
        return (body, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static string AllText(JsonElement root) => string.Join("\n", root.GetProperty("blocks").EnumerateArray()
        .SelectMany(b => b.TryGetProperty("elements", out var e) ? e.EnumerateArray().ToArray() : b.TryGetProperty("text", out var t) ? [t] : [])
        .Select(t => t.GetProperty("text").GetString()));

    [Fact]
    public void A_digest_is_a_header_the_window_and_each_article_with_its_link_rule_snippet_and_time()
    {
        var (body, root) = Build(ChatDigests.Of([ChatDigests.Article(1), ChatDigests.Article(2)]));

        Assert.Empty(ChatSchemas.Slack(body));
        var blocks = root.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("2 articles matched your alerts", blocks[0].GetProperty("text").GetProperty("text").GetString());
        var text = AllText(root);
        Assert.Contains("*<https://news.example/stories/1?a=1&amp;b=2|Emergency declared in city 1>*", text, StringComparison.Ordinal);
        Assert.Contains("*State of emergency declared* (critical)", text, StringComparison.Ordinal);
        Assert.Contains(">Officials in city 1 declared a *state of emergency* on Monday.", text, StringComparison.Ordinal);
        Assert.Contains("Example News · 5 Jan 2026 08:00 UTC · critical · matched 5 Jan 2026 09:30 UTC", text, StringComparison.Ordinal);
        Assert.Contains("<https://alerts.test/api/unsubscribe?token=t0k3n|Unsubscribe>", text, StringComparison.Ordinal);
        Assert.StartsWith("2 articles matched your alerts: Emergency declared in city 1", root.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_story_other_outlets_also_carried_shows_once_with_their_names_and_an_update_is_marked()
    {
        var story = ChatDigests.Article(1) with { IsUpdate = true, AlsoReportedBy = ["wire.example", "<!channel>.example"] };
        var (body, root) = Build(ChatDigests.Of([story]));

        Assert.Empty(ChatSchemas.Slack(body));
        var text = AllText(root);
        Assert.Contains("Also reported by 2 outlets: wire.example, &lt;!channel&gt;.example", text, StringComparison.Ordinal);
        Assert.Contains("critical · update · matched", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Article_text_cannot_mention_link_or_format_only_its_three_control_characters_become_entities()
    {
        var (body, root) = Build(ChatDigests.Of([ChatDigests.Article(1, title: ChatDigests.Hostile, sentence: ChatDigests.Hostile)]));

        Assert.Empty(ChatSchemas.Slack(body));
        var text = AllText(root) + root.GetProperty("text").GetString();
        Assert.DoesNotContain("<!channel>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@U024BE7LH>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("*bold*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`code`", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", text, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;html&lt;/b&gt; &amp; more", text, StringComparison.Ordinal);
        // Every mrkdwn text is verbatim: Slack links no bare URL or channel name in it.
        Assert.All(root.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "section"),
            b => Assert.True(b.GetProperty("text").GetProperty("verbatim").GetBoolean()));
    }

    [Fact]
    public void A_link_that_is_not_http_is_left_out_and_only_its_label_shows()
    {
        var (body, root) = Build(ChatDigests.Of([ChatDigests.Article(1, url: new Uri("javascript:alert(1)"))]));

        Assert.Empty(ChatSchemas.Slack(body));
        Assert.DoesNotContain("javascript", AllText(root), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_digest_stops_at_fifty_blocks_with_an_and_n_more_line_and_its_link()
    {
        var (body, root) = Build(ChatDigests.Many(40));

        Assert.Empty(ChatSchemas.Slack(body));
        var blocks = root.GetProperty("blocks");
        Assert.True(blocks.GetArrayLength() <= SlackPayload.MaxBlocks);
        var shown = blocks.EnumerateArray().Count(b => b.GetProperty("type").GetString() == "divider");
        Assert.Contains($"…and {40 - shown} more articles. <{ChatDigests.More.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal)}|See all matches>", AllText(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Articles_the_digest_already_left_out_are_counted_in_the_same_line()
    {
        var (_, root) = Build(ChatDigests.Of([ChatDigests.Article(1)], more: 7));

        Assert.Contains("…and 7 more articles.", AllText(root), StringComparison.Ordinal);
    }

    [Fact]
    public void Long_titles_and_snippets_are_cut_within_the_header_and_section_limits()
    {
        var hostileLong = string.Concat(Enumerable.Repeat("<&> ", 2000)) + "state of emergency";
        var article = ChatDigests.Article(1, title: hostileLong, sentence: hostileLong) with { };
        var digest = ChatDigests.Of([article with { Matches = [.. Enumerable.Repeat(article.Matches[0], 12)] }], kind: Alerts.Digests.DigestKind.Immediate) with { Heading = hostileLong };

        var (body, root) = Build(digest);

        Assert.Empty(ChatSchemas.Slack(body));
        var header = root.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString()!;
        Assert.True(header.Length <= SlackPayload.MaxHeaderChars);
        Assert.EndsWith("…", header, StringComparison.Ordinal);
        Assert.All(root.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "section"),
            b => Assert.InRange(b.GetProperty("text").GetProperty("text").GetString()!.Length, 1, SlackPayload.MaxTextChars));
    }

    [Fact]
    public void Escaping_within_a_limit_never_splits_an_entity()
    {
        for (var max = 2; max < 40; max++)
        {
            var cut = SlackText.Within(new string('&', 100), max, SlackText.Escape);
            Assert.True(cut.Length <= max);
            Assert.Matches("^(&amp;)*…$", cut);
        }
    }
}
