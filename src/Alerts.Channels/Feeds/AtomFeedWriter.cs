using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Alerts.Feeds;

namespace Alerts.Channels.Feeds;

/// <summary>
/// Writes a feed as Atom 1.0 with System.ServiceModel.Syndication. Every value goes out as text content, which the
/// XML writer escapes, so markup in a story's title or text stays text; characters XML cannot carry are dropped.
/// </summary>
public sealed class AtomFeedWriter : IFeedWriter
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    public string ContentType => AtomContentType;

    public byte[] Write(FeedDocument feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var syndication = new SyndicationFeed
        {
            Id = feed.Id,
            Title = Text(feed.Title),
            LastUpdatedTime = feed.Updated,
            Generator = "Alerts",
            Items = [.. feed.Entries.Select(Item)],
        };
        syndication.Links.Add(new SyndicationLink(feed.Self, "self", null, "application/atom+xml", 0));
        syndication.Authors.Add(new SyndicationPerson { Name = XmlText(feed.Author) });

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            xml.WriteStartDocument();
            syndication.SaveAsAtom10(xml);
            xml.WriteEndDocument();
        }
        return buffer.ToArray();
    }

    private static SyndicationItem Item(FeedEntry entry)
    {
        var item = new SyndicationItem
        {
            Id = entry.Id,
            Title = Text(entry.Title),
            LastUpdatedTime = entry.Updated,
            Summary = Text(entry.Summary),
        };
        if (entry.Published is { } published)
        {
            item.PublishDate = published;
        }
        if (entry.Link is { } link)
        {
            item.Links.Add(SyndicationLink.CreateAlternateLink(link, "text/html"));
        }
        else
        {
            // Atom asks an entry without an alternate link for content: the snippets again.
            item.Content = Text(entry.Summary);
        }
        foreach (var category in entry.Categories)
        {
            item.Categories.Add(new SyndicationCategory(XmlText(category.Term), null, XmlText(category.Label)));
        }
        return item;
    }

    private static TextSyndicationContent Text(string value) => new(XmlText(value), TextSyndicationContentKind.Plaintext);

    /// <summary>The text without the characters XML 1.0 cannot hold (control characters, lone surrogates).</summary>
    internal static string XmlText(string value)
    {
        if (IsXmlText(value))
        {
            return value;
        }
        var kept = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                kept.Append(value[i]);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                kept.Append(value, i, 2);
                i++;
            }
        }
        return kept.ToString();
    }

    private static bool IsXmlText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (XmlConvert.IsXmlChar(value[i]))
            {
                continue;
            }
            if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
            {
                i++;
                continue;
            }
            return false;
        }
        return true;
    }
}
