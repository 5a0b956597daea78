using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Alerts.Channels.Feeds;
using Alerts.Feeds;

namespace Alerts.Tests.Channels;

public sealed class AtomFeedWriterTests
{
    private static readonly DateTimeOffset At = new(2031, 1, 8, 9, 30, 0, TimeSpan.Zero);

    private static FeedDocument Feed(params FeedEntry[] entries) => new()
    {
        Id = "urn:uuid:00000000-0000-8000-8000-000000000001",
        Title = "Alerts: Casualties reported",
        Updated = At,
        Self = new Uri("https://alerts.test/api/feeds/s1?token=a.b"),
        Author = "Alerts",
        Entries = entries,
    };

    private static FeedEntry Entry(string title, Uri? link = null) => new()
    {
        Id = "urn:uuid:00000000-0000-8000-8000-000000000002",
        Title = title,
        Link = link,
        Updated = At,
        Published = At.AddHours(-3),
        Summary = "Hundreds were killed.",
        Categories = [new FeedCategory("casualties", "Casualties reported")],
    };

    private static (string Xml, SyndicationFeed Parsed) Write(FeedDocument feed)
    {
        var bytes = new AtomFeedWriter().Write(feed);
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        return (Encoding.UTF8.GetString(bytes), SyndicationFeed.Load(reader));
    }

    [Fact]
    public void Markup_in_a_title_is_escaped_text_and_control_characters_are_dropped()
    {
        var (xml, parsed) = Write(Feed(Entry("<script>alert(1)</script> & ]]> \u0001\u0007done \U0001F4F0", new Uri("https://news.example/a?x=1&y=2"))));

        Assert.DoesNotContain("<script", xml, StringComparison.Ordinal);
        Assert.Equal("<script>alert(1)</script> & ]]> done \U0001F4F0", parsed.Items.Single().Title.Text);
        Assert.Equal(new Uri("https://news.example/a?x=1&y=2"), parsed.Items.Single().Links.Single().Uri);
    }

    [Fact]
    public void An_entry_without_a_link_carries_its_snippets_as_content()
    {
        var (_, parsed) = Write(Feed(Entry("No link")));

        var item = parsed.Items.Single();
        Assert.Empty(item.Links);
        Assert.Equal("Hundreds were killed.", ((TextSyndicationContent)item.Content).Text);
    }

    [Fact]
    public void The_same_feed_gives_the_same_bytes_in_utf8_without_a_byte_order_mark()
    {
        var first = new AtomFeedWriter().Write(Feed(Entry("Same")));
        var second = new AtomFeedWriter().Write(Feed(Entry("Same")));

        Assert.Equal(first, second);
        Assert.Equal((byte)'<', first[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.Contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }
}
