using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Alerts.Articles;

/// <summary>Finds the main content of an HTML page (SmartReader, a port of Mozilla's Readability) and its metadata.</summary>
internal static class HtmlArticleReader
{
    private const int MaxReadabilityElements = 20_000;
    private const string BlockSelector = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td";

    public static ArticleDraft Read(string html, string name, CancellationToken cancellationToken = default)
    {
        HtmlMarkupCost.EnsureWithinLimits(html);
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        // The string is all there: the parse runs synchronously, checking the token as it goes.
        using var document = parser.ParseDocumentAsync(html, cancellationToken).GetAwaiter().GetResult();
        cancellationToken.ThrowIfCancellationRequested();

        var canonical = ArticleUrl.Validate(
            document.QuerySelector("link[rel=canonical]")?.GetAttribute("href")
            ?? Meta(document, "og:url"));
        var published = PublicationDate.Parse(
            Meta(document, "article:published_time") ?? Meta(document, "date") ?? Meta(document, "pubdate")
            ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
        var siteName = Meta(document, "og:site_name") ?? Meta(document, "application-name");
        var metaTitle = Meta(document, "og:title") ?? document.Title;

        // SmartReader resolves relative links against the page address; it never fetches anything for a parsed document.
        var pageUri = canonical?.ToString() ?? "https://article.invalid/" + Uri.EscapeDataString(name);
        // Readability's scoring grows faster than the page: on 100,000 paragraphs it runs for minutes and finds
        // nothing. A page that large is read block by block instead.
        var readable = document.All.Length <= MaxReadabilityElements ? new SmartReader.Reader(pageUri, document).GetArticle() : null;

        cancellationToken.ThrowIfCancellationRequested();
        var text = readable is { IsReadable: true } && !string.IsNullOrWhiteSpace(readable.Content)
            ? BlocksToText(parser.ParseDocument(readable.Content), cancellationToken)
            : "";
        if (string.IsNullOrWhiteSpace(text))
        {
            // Without a readable main part, the page's own text is read: never the code and styles it carries.
            foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList())
            {
                element.Remove();
            }
            text = BlocksToText(document, cancellationToken);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            text = document.Body?.TextContent ?? "";
        }

        var body = WireText.ParseBody(text);
        return body with
        {
            Title = Clean(readable?.Title) ?? Clean(metaTitle),
            Source = Clean(siteName) ?? body.Source,
            PublishedAt = published ?? (readable?.PublicationDate is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : body.PublishedAt),
            Url = canonical ?? body.Url,
        };
    }

    private static string BlocksToText(IHtmlDocument document, CancellationToken cancellationToken)
    {
        var paragraphs = new List<string>();
        foreach (var element in document.QuerySelectorAll(BlockSelector))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Only the innermost blocks: a <li> holding <p>s would otherwise repeat its text.
            if (element.QuerySelector(BlockSelector) is not null)
            {
                continue;
            }
            var text = Clean(element.TextContent);
            if (text is not null)
            {
                paragraphs.Add(text);
            }
        }
        return string.Join("\n\n", paragraphs);
    }

    private static string? Meta(IDocument document, string name) =>
        Clean(document.QuerySelector($"meta[property='{name}'], meta[name='{name}']")?.GetAttribute("content"));

    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
