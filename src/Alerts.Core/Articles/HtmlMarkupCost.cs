namespace Alerts.Articles;

/// <summary>
/// Measures what an HTML page would cost the parser, in one pass over the markup and without building a tree: how deep
/// elements nest, how many tags there are, and how many attributes each element carries. The parser's cost grows with
/// the nesting depth for every element it adds (100,000 nested <c>&lt;div&gt;</c>s take minutes; browsers stop at 512
/// levels) and with the square of an element's attributes (each new one is checked against the others: 40,000
/// attributes on one element take half a minute), so pages past these limits are refused before parsing.
/// </summary>
internal static class HtmlMarkupCost
{
    public const int MaxDepth = 512;

    /// <summary>No article page comes near: a heavy news page has a few tens of thousands of tags.</summary>
    public const int MaxTags = 250_000;

    /// <summary>Real elements carry a handful of attributes; a few dozen at most.</summary>
    public const int MaxAttributesPerElement = 1_000;

    public const int MaxAttributes = 500_000;

    // Elements that never nest, or whose end tag may be left out (the parser closes them itself).
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot",
        "colgroup", "caption", "html", "head", "body",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

    /// <summary>Throws if the page is past a limit; the exception says which, in words a user can act on.</summary>
    /// <exception cref="ArticleParseException"><see cref="ArticleParseReasons.HtmlTooDeep"/> or <see cref="ArticleParseReasons.HtmlTooComplex"/>.</exception>
    public static void EnsureWithinLimits(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var depth = 0;
        var tags = 0;
        var attributes = 0;
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? html.Length : end + 3;
                continue;
            }
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            if (nameEnd == start || !char.IsAsciiLetter(html[start]))
            {
                i++;
                continue;
            }
            var name = html[start..nameEnd];
            var (tagEnd, count, selfClosing) = ReadAttributes(html, nameEnd);
            if (tagEnd < 0)
            {
                break;
            }
            if (++tags > MaxTags)
            {
                throw TooComplex($"more than {MaxTags:N0} tags");
            }
            if (count > MaxAttributesPerElement)
            {
                throw TooComplex($"a <{name}> element with {count:N0} attributes (the limit is {MaxAttributesPerElement:N0})");
            }
            attributes += count;
            if (attributes > MaxAttributes)
            {
                throw TooComplex($"more than {MaxAttributes:N0} attributes");
            }
            i = tagEnd + 1;
            if (NotCounted.Contains(name) || selfClosing)
            {
                continue;
            }
            if (closing)
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }
            if (RawText.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                // Their content is text, not markup: "<div>" inside a script string opens nothing.
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (++depth > MaxDepth)
            {
                throw new ArticleParseException(ArticleParseReasons.HtmlTooDeep,
                    $"The HTML nests elements more than {MaxDepth} levels deep; no article page does, and reading it would take minutes.");
            }
        }
    }

    /// <summary>From just after a tag name: where the tag ends ('&gt;', or -1), its attribute count, and whether it ends in "/&gt;".</summary>
    private static (int End, int Count, bool SelfClosing) ReadAttributes(string html, int at)
    {
        var count = 0;
        var slash = false;
        while (at < html.Length)
        {
            var c = html[at];
            if (c == '>')
            {
                return (at, count, slash);
            }
            if (char.IsWhiteSpace(c) || c == '/')
            {
                slash = c == '/';
                at++;
                continue;
            }
            slash = false;
            count++;
            // The name, then an optional value: quoted (may hold '>'), or up to white space or '>'.
            while (at < html.Length && !char.IsWhiteSpace(html[at]) && html[at] is not ('=' or '>' or '/'))
            {
                at++;
            }
            while (at < html.Length && char.IsWhiteSpace(html[at]))
            {
                at++;
            }
            if (at >= html.Length || html[at] != '=')
            {
                continue;
            }
            at++;
            while (at < html.Length && char.IsWhiteSpace(html[at]))
            {
                at++;
            }
            if (at < html.Length && html[at] is '"' or '\'')
            {
                var close = html.IndexOf(html[at], at + 1);
                at = close < 0 ? html.Length : close + 1;
                continue;
            }
            while (at < html.Length && !char.IsWhiteSpace(html[at]) && html[at] != '>')
            {
                at++;
            }
        }
        return (-1, count, false);
    }

    private static ArticleParseException TooComplex(string what) => new(ArticleParseReasons.HtmlTooComplex,
        $"The HTML has {what}; no article page does, and parsing it would hold a processor for minutes.");
}
