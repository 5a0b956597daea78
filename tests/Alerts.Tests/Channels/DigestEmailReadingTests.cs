using Alerts.Channels.Email;
using Alerts.Digests;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Tests.Channels;

/// <summary>What a reader sees in a digest email: the query in words, names grouped and merged, hostile text as text.</summary>
public sealed class DigestEmailReadingTests
{
    private static readonly Subscription Subscriber = new()
    {
        Id = "sabcdefghijklmnopqrst",
        Channel = Channel.Email,
        Target = "analyst@example.org",
        Queries = ["\"curfew imposed\"~2 AND NOT title:sport"],
        Cadence = Cadence.Hourly,
        Status = SubscriptionStatus.Active,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static Entity E(string text, string category, int offset) => new(text, category, null, offset, text.Length, 0.9);

    private static Digest DigestWith(IReadOnlyList<Entity> entities)
    {
        var rule = SubscriptionQueryRules.ToRule("q_0123456789abcdef0123456789abcdef", Subscriber.Queries[0]);
        return new Digest
        {
            Id = "dg_0123456789abcdef",
            SubscriptionId = Subscriber.Id,
            Kind = DigestKind.Scheduled,
            WindowStart = new DateTimeOffset(2022, 1, 8, 7, 0, 0, TimeSpan.Zero),
            WindowEnd = new DateTimeOffset(2022, 1, 8, 8, 0, 0, TimeSpan.Zero),
            CreatedAt = new DateTimeOffset(2022, 1, 8, 8, 0, 30, TimeSpan.Zero),
            Articles =
            [
                new DigestArticle
                {
                    ArticleId = "a1",
                    Title = "Curfew in Almaty",
                    MatchedAt = new DateTimeOffset(2022, 1, 8, 7, 30, 0, TimeSpan.Zero),
                    Severity = Severity.Medium,
                    Matches =
                    [
                        new RuleMatch
                        {
                            Rule = rule.Id, Title = rule.Title, Severity = rule.Severity, Score = 1,
                            Snippets = [new Snippet("A curfew was imposed in Almaty.", [new Highlight(2, 6), new Highlight(15, 7)])],
                        },
                    ],
                    EntityGroups = EntityGroups.Of(entities),
                },
            ],
        };
    }

    [Fact]
    public async Task The_reader_sees_their_query_in_words_and_each_name_once_under_its_label()
    {
        var digest = DigestWith(
        [
            E("ALMATY", EntityCategory.Location, 0), E("Almaty", EntityCategory.Location, 30), E("almaty", EntityCategory.Location, 80),
            E("Kassym-Jomart Tokayev", EntityCategory.Person, 40), E("Tokayev", EntityCategory.Person, 90),
            E("CSTO", EntityCategory.Organization, 100),
        ]);

        var email = await new EmailTemplates().RenderDigestAsync(Subscriber, digest, new Uri("https://alerts.test/api/unsubscribe?token=a.b"));

        foreach (var body in new[] { email.TextBody, System.Net.WebUtility.HtmlDecode(email.HtmlBody) })
        {
            Assert.Contains("Your query: \"curfew imposed\" within 2 words but not in the title: sport", body);
            Assert.DoesNotContain("~2", body);
            Assert.Contains("People:", body);
            Assert.Contains("Places:", body);
            Assert.Contains("Organisations:", body);
            Assert.Contains("Kassym-Jomart Tokayev", body);
            Assert.DoesNotContain("Tokayev, ", body);
            Assert.DoesNotContain("ALMATY", body);
        }
        Assert.Contains("<strong>Places:</strong> Almaty</p>", email.HtmlBody);
        Assert.Contains("Places: Almaty\n", email.TextBody.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_hostile_entity_name_arrives_as_text()
    {
        var digest = DigestWith([E("<img src=x onerror=alert(1)>", EntityCategory.Person, 0)]);

        var email = await new EmailTemplates().RenderDigestAsync(Subscriber, digest, new Uri("https://alerts.test/api/unsubscribe?token=a.b"));

        Assert.DoesNotContain("<img", email.HtmlBody);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", email.HtmlBody);
        Assert.Contains("People: <img src=x onerror=alert(1)>", email.TextBody);
    }
}
