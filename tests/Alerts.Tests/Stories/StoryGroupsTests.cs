using System.Text.Json;
using Alerts.Channels.Email;
using Alerts.Channels.Webhooks;
using Alerts.Digests;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Tests.Stories;

public class StoryGroupsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);

    private static DigestArticle Copy(string id, string outlet, string? story = null, bool update = false, string rule = "state-of-emergency", int minutes = 0) => new()
    {
        ArticleId = id,
        Title = $"<b>{outlet}</b> headline",
        Outlet = outlet,
        StoryId = story,
        IsUpdate = update,
        MatchedAt = At.AddMinutes(minutes),
        Severity = Severity.High,
        Matches = [new RuleMatch { Rule = rule, Title = rule, Severity = Severity.High, Score = 1, Snippets = [] }],
    };

    [Fact]
    public void A_story_three_outlets_carried_is_shown_once_as_its_first_article_also_reported_by_the_other_two()
    {
        var folded = StoryGroups.Fold([Copy("b", "valley.example", "a", minutes: 1), Copy("a", "wire.example"), Copy("c", "herald.example", "a", minutes: 2), Copy("z", "other.example")]);

        Assert.Equal(2, folded.Count);
        var story = Assert.Single(folded, a => a.ArticleId == "a");
        Assert.Equal(["valley.example", "herald.example"], story.AlsoReportedBy);
    }

    [Fact]
    public void Plain_copies_of_a_story_sent_in_an_earlier_digest_are_left_out_and_an_update_is_shown_with_every_rule()
    {
        Assert.Empty(StoryGroups.Fold([Copy("b", "valley.example", "a")]));

        var folded = Assert.Single(StoryGroups.Fold([Copy("b", "valley.example", "a"), Copy("c", "coast.example", "a", update: true, rule: "casualties", minutes: 1)]));
        Assert.Equal("c", folded.ArticleId);
        Assert.True(folded.IsUpdate);
        Assert.Equal(["valley.example"], folded.AlsoReportedBy);
        Assert.Equal(["casualties", "state-of-emergency"], folded.Matches.Select(m => m.Rule).Order());
    }

    [Fact]
    public async Task Email_and_webhook_show_the_outlets_that_also_reported_it_and_the_update_mark()
    {
        var article = Copy("c", "coast.example", "a", update: true) with { AlsoReportedBy = ["wire.example", "<script>.example"] };
        var digest = new Digest
        {
            Id = "dg_1", SubscriptionId = "s1", Kind = DigestKind.Immediate, WindowStart = At, WindowEnd = At, CreatedAt = At, Articles = [article],
        };
        var subscriber = new Subscription
        {
            Id = "s1", Channel = Channel.Email, Target = "desk@example.org", Rules = ["state-of-emergency"], Cadence = Cadence.Immediate,
            Status = SubscriptionStatus.Active, CreatedAt = At,
        };

        var email = await new EmailTemplates().RenderDigestAsync(subscriber, digest, new Uri("https://alerts.test/api/unsubscribe?token=a.b"));
        Assert.Contains("Also reported by 2 outlets: wire.example, &lt;script&gt;.example", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("update", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Also reported by 2 outlets: wire.example, <script>.example", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("[high, update]", email.TextBody, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(WebhookPayload.From(digest).ToUtf8Json());
        var sent = json.RootElement.GetProperty("articles")[0];
        Assert.Equal("a", sent.GetProperty("storyId").GetString());
        Assert.True(sent.GetProperty("isUpdate").GetBoolean());
        Assert.Equal(2, sent.GetProperty("alsoReportedBy").GetArrayLength());
        Assert.Equal("coast.example", sent.GetProperty("outlet").GetString());
        Assert.Equal("<b>coast.example</b> headline", sent.GetProperty("title").GetString());
    }
}
