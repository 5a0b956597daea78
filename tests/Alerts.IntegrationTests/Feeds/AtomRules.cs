using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace Alerts.IntegrationTests.Feeds;

/// <summary>
/// What a feed reader relies on: the document parses as Atom with SyndicationFeed, and meets RFC 4287's rules that a
/// lenient parser lets pass (one id, title and updated per feed and entry, RFC 3339 dates, an author, a self link, an
/// alternate link or content for every entry, ids unique).
/// </summary>
internal static class AtomRules
{
    public static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static SyndicationFeed Check(string xml)
    {
        var document = XDocument.Parse(xml);
        var feed = document.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        OneOf(feed, "id");
        OneOf(feed, "title");
        Date(OneOf(feed, "updated"));
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self" && Uri.IsWellFormedUriString((string?)l.Attribute("href"), UriKind.Absolute));
        var entries = feed.Elements(Atom + "entry").ToList();
        // Without an author on every entry, the feed must have one (4.1.1).
        Assert.True(feed.Elements(Atom + "author").Any(a => !string.IsNullOrWhiteSpace((string?)a.Element(Atom + "name")))
            || entries.All(e => e.Elements(Atom + "author").Any()), "No atom:author on the feed");
        foreach (var entry in entries)
        {
            Assert.True(Uri.IsWellFormedUriString(OneOf(entry, "id").Value, UriKind.Absolute), "An entry id is not an IRI");
            OneOf(entry, "title");
            Date(OneOf(entry, "updated"));
            if (entry.Element(Atom + "published") is { } published)
            {
                Date(published);
            }
            Assert.True(entry.Element(Atom + "content") is not null
                || entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"), "An entry has neither content nor an alternate link");
            Assert.True(entry.Elements(Atom + "summary").Count() <= 1);
            Assert.All(entry.Elements(Atom + "category"), c => Assert.False(string.IsNullOrEmpty((string?)c.Attribute("term"))));
        }
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct(StringComparer.Ordinal).Count());

        using var reader = XmlReader.Create(new StringReader(xml));
        var parsed = SyndicationFeed.Load(reader);
        Assert.Equal(entries.Count, parsed.Items.Count());
        return parsed;
    }

    private static XElement OneOf(XElement parent, string name)
    {
        var found = parent.Elements(Atom + name).ToList();
        Assert.True(found.Count == 1, $"{parent.Name.LocalName} has {found.Count} atom:{name} elements");
        Assert.False(string.IsNullOrWhiteSpace(found[0].Value), $"{parent.Name.LocalName}'s atom:{name} is empty");
        return found[0];
    }

    /// <summary>An RFC 3339 date-time: a full date, a time, and Z or an offset.</summary>
    private static void Date(XElement element) =>
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(element.Value, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
            && DateTimeOffset.TryParse(element.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            $"atom:{element.Name.LocalName} '{element.Value}' is not an RFC 3339 date");
}
