using System.Text.Encodings.Web;
using Alerts.Channels.Email;
using Alerts.Digests;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Tests.Channels;

/// <summary>
/// A digest's content is rendered once for all the subscribers who get the same content; each email still carries its
/// own recipient and unsubscribe link, encoded as the template encodes everything else.
/// </summary>
public sealed class RenderOnceTests
{
    [Fact]
    public async Task Subscribers_sharing_content_share_one_render_and_keep_their_own_address_and_link()
    {
        var templates = new EmailTemplates();
        var first = Subscriber("s1aaaaaaaaaaaaaaaaaaa", "first@example.org");
        var second = Subscriber("s2aaaaaaaaaaaaaaaaaaa", "second@example.org");
        var firstLink = new Uri("https://alerts.test/api/unsubscribe?token=one.a&b=<x>");
        var secondLink = new Uri("https://alerts.test/api/unsubscribe?token=two.b");

        var a = await templates.RenderDigestAsync(first, Digest(first.Id, "<b>Emergency</b> & curfew"), firstLink);
        var b = await templates.RenderDigestAsync(second, Digest(second.Id, "<b>Emergency</b> & curfew"), secondLink);

        Assert.Equal(1, templates.DigestRenders);
        Assert.Contains("first@example.org subscribed", a.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("second@example.org subscribed", b.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("second@example.org", a.HtmlBody + a.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token=two", a.HtmlBody + a.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{HtmlEncoder.Default.Encode(firstLink.AbsoluteUri)}\"", a.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: " + firstLink.AbsoluteUri, a.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: " + secondLink.AbsoluteUri, b.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Emergency&lt;/b&gt; &amp; curfew", a.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Emergency", a.HtmlBody, StringComparison.Ordinal);
        // Nothing of the shared render's placeholders is left for a reader to see.
        Assert.DoesNotContain("zrecipient", a.HtmlBody + a.TextBody + b.HtmlBody + b.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_render_once_is_the_same_email_a_render_of_its_own_would_be()
    {
        var shared = new EmailTemplates();
        var subscriber = Subscriber("s3aaaaaaaaaaaaaaaaaaa", "third@example.org");
        var link = new Uri("https://alerts.test/api/unsubscribe?token=three.c");
        await shared.RenderDigestAsync(Subscriber("s4aaaaaaaaaaaaaaaaaaa", "fourth@example.org"), Digest("s4aaaaaaaaaaaaaaaaaaa", "Emergency"), link);

        var reused = await shared.RenderDigestAsync(subscriber, Digest(subscriber.Id, "Emergency"), link);
        var own = await new EmailTemplates().RenderDigestAsync(subscriber, Digest(subscriber.Id, "Emergency"), link);

        Assert.Equal(1, shared.DigestRenders);
        Assert.Equal(own.HtmlBody, reused.HtmlBody);
        Assert.Equal(own.TextBody, reused.TextBody);
    }

    [Fact]
    public async Task Different_content_is_rendered_apart()
    {
        var templates = new EmailTemplates();
        var subscriber = Subscriber("s5aaaaaaaaaaaaaaaaaaa", "fifth@example.org");
        var link = new Uri("https://alerts.test/api/unsubscribe?token=five.e");

        var emergency = await templates.RenderDigestAsync(subscriber, Digest(subscriber.Id, "Emergency"), link);
        var curfew = await templates.RenderDigestAsync(subscriber, Digest(subscriber.Id, "Curfew"), link);

        Assert.Equal(2, templates.DigestRenders);
        Assert.Contains("Curfew", curfew.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Curfew", emergency.HtmlBody, StringComparison.Ordinal);
    }

    private static Subscription Subscriber(string id, string address) => new()
    {
        Id = id,
        Channel = Channel.Email,
        Target = address,
        Rules = ["state-of-emergency"],
        Cadence = Cadence.Hourly,
        Status = SubscriptionStatus.Active,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static Digest Digest(string subscriptionId, string title) => new()
    {
        Id = "dg_" + subscriptionId,
        SubscriptionId = subscriptionId,
        Kind = DigestKind.Scheduled,
        WindowStart = new DateTimeOffset(2022, 1, 8, 7, 0, 0, TimeSpan.Zero),
        WindowEnd = new DateTimeOffset(2022, 1, 8, 8, 0, 0, TimeSpan.Zero),
        CreatedAt = new DateTimeOffset(2022, 1, 8, 8, 0, 30, TimeSpan.Zero),
        Articles =
        [
            new DigestArticle
            {
                ArticleId = "a1",
                Title = title,
                Source = "Wire",
                MatchedAt = new DateTimeOffset(2022, 1, 8, 7, 30, 0, TimeSpan.Zero),
                Severity = Severity.Critical,
                Matches =
                [
                    new RuleMatch
                    {
                        Rule = "state-of-emergency", Title = "State of emergency declared", Severity = Severity.Critical, Score = 1,
                        Snippets = [new Snippet("They declared a state of emergency.", [new Highlight(5, 8)])],
                    },
                ],
            },
        ],
    };
}
