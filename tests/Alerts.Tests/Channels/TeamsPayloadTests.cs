using System.Text;
using System.Text.Json;
using Alerts.Channels.Chat;
using Alerts.Testing;

namespace Alerts.Tests.Channels;

/// <summary>What a Teams channel shows: one Adaptive Card within Teams' size, article text only in plain text runs.</summary>
public sealed class TeamsPayloadTests
{
    private static (string Body, JsonElement Card) Build(ChatDigest digest)
    {
        var body = Encoding.UTF8.GetString(TeamsPayload.Build(digest));
        return (body, JsonDocument.Parse(body).RootElement.GetProperty("attachments")[0].GetProperty("content").Clone());
    }

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        yield return element;
        foreach (var name in new[] { "body", "items", "inlines", "actions" })
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var children))
            {
                foreach (var child in children.EnumerateArray().SelectMany(Walk))
                {
                    yield return child;
                }
            }
        }
    }

    [Fact]
    public void A_digest_is_an_adaptive_card_with_each_article_its_link_rule_highlighted_snippet_and_time()
    {
        var (body, card) = Build(ChatDigests.Of([ChatDigests.Article(1), ChatDigests.Article(2)]));

        Assert.Empty(ChatSchemas.Teams(body));
        var all = Walk(card).ToList();
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextBlock" && e.GetProperty("text").GetString() == "2 articles matched your alerts");
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextRun" && e.GetProperty("text").GetString() == "Emergency declared in city 2");
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "Action.OpenUrl" && e.GetProperty("url").GetString() == "https://news.example/stories/1?a=1&b=2");
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextRun" && e.GetProperty("text").GetString() == "state of emergency"
            && e.GetProperty("highlight").GetBoolean());
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextRun" && e.GetProperty("text").GetString() == "State of emergency declared");
        Assert.Contains("\"value\":\"5 Jan 2026 09:30 UTC\"", body, StringComparison.Ordinal);
        Assert.Equal("https://alerts.test/api/unsubscribe?token=t0k3n", card.GetProperty("actions")[0].GetProperty("url").GetString());
    }

    [Fact]
    public void A_story_other_outlets_also_carried_shows_once_with_their_names_and_an_update_is_marked()
    {
        var story = ChatDigests.Article(1) with { IsUpdate = true, AlsoReportedBy = ["wire.example"] };
        var (body, card) = Build(ChatDigests.Of([story]));

        Assert.Empty(ChatSchemas.Teams(body));
        var all = Walk(card).ToList();
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextRun" && e.GetProperty("text").GetString() == "Also reported by 1 outlet: wire.example");
        Assert.Contains("\"value\":\"critical (update)\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Article_text_is_only_in_text_runs_which_teams_shows_as_written()
    {
        var (body, card) = Build(ChatDigests.Of([ChatDigests.Article(1, title: ChatDigests.Hostile, sentence: ChatDigests.Hostile)]));

        Assert.Empty(ChatSchemas.Teams(body));
        var all = Walk(card).ToList();
        // TextBlocks and facts render Markdown; neither carries article text.
        Assert.DoesNotContain(all, e => e.GetProperty("type").GetString() == "TextBlock" && e.GetProperty("text").GetString()!.Contains("evil", StringComparison.Ordinal));
        Assert.DoesNotContain("evil", string.Join(" ", all.Where(e => e.GetProperty("type").GetString() == "FactSet").Select(e => e.GetRawText())), StringComparison.Ordinal);
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextRun" && e.GetProperty("text").GetString() == ChatDigests.Hostile);
        Assert.DoesNotContain(all, e => e.GetProperty("type").GetString() == "Action.OpenUrl" && e.GetProperty("url").GetString()!.Contains("evil", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_that_is_not_http_gets_no_button()
    {
        var (body, card) = Build(ChatDigests.Of([ChatDigests.Article(1, url: new Uri("javascript:alert(1)"))]));

        Assert.Empty(ChatSchemas.Teams(body));
        Assert.DoesNotContain("javascript", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_digest_stays_under_the_teams_size_with_an_and_n_more_line_and_its_link()
    {
        var (body, card) = Build(ChatDigests.Many(60, sentenceLength: 500));

        Assert.Empty(ChatSchemas.Teams(body));
        Assert.True(Encoding.UTF8.GetByteCount(body) <= TeamsPayload.MaxBytes);
        var shown = card.GetProperty("body").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "Container");
        Assert.InRange(shown, 1, 59);
        var all = Walk(card).ToList();
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "TextBlock" && e.GetProperty("text").GetString() == $"…and {60 - shown} more articles.");
        Assert.Contains(all, e => e.GetProperty("type").GetString() == "Action.OpenUrl" && e.GetProperty("url").GetString() == ChatDigests.More.AbsoluteUri);
    }

    [Fact]
    public void A_very_long_snippet_is_cut()
    {
        var (body, _) = Build(ChatDigests.Many(1, sentenceLength: 50_000));

        Assert.Empty(ChatSchemas.Teams(body));
        Assert.True(Encoding.UTF8.GetByteCount(body) < 8 * 1024);
    }
}
