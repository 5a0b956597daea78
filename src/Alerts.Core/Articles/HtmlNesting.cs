namespace Alerts.Articles;

/// <summary>
/// Estimates how deep an HTML page nests its elements, in one pass over the markup and without building a tree.
/// The HTML parser's cost grows with the nesting depth for every element it adds, so 100,000 nested
/// <c>&lt;div&gt;</c>s take minutes to parse; browsers stop nesting at 512 levels for the same reason.
/// </summary>
internal static class HtmlNesting
{
    public const int MaxDepth = 512;

    // Elements that never nest, or whose end tag may be left out (the parser closes them itself).
    private static readonly HashSet<string> NotCounted = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead", "tfoot",
        "colgroup", "caption", "html", "head", "body",
    };

    private static readonly string[] RawText = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

    /// <summary>True if elements open more than <see cref="MaxDepth"/> levels deep at some point of the page.</summary>
    public static bool TooDeep(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var depth = 0;
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
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }
            i = tagEnd + 1;
            if (NotCounted.Contains(name) || html[tagEnd - 1] == '/')
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
                return true;
            }
        }
        return false;
    }
}
