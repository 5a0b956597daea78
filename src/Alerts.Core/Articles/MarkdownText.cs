using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>Strips Markdown syntax down to the words a reader sees, line by line, so the wire-story reader can take over.</summary>
internal static partial class MarkdownText
{
    public static string ToPlainText(string markdown)
    {
        var text = Image().Replace(markdown, "");
        text = Link().Replace(text, "$1");
        text = Heading().Replace(text, "");
        text = Quote().Replace(text, "");
        text = ListMarker().Replace(text, "");
        text = Emphasis().Replace(text, "$2");
        text = HorizontalRule().Replace(text, "");
        return text.Replace("`", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]*)\]\((?:[^)]*)\)", RegexOptions.CultureInvariant)]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s*", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}>\s?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Quote();

    [GeneratedRegex(@"^\s{0,3}(?:[-*+]|\d+\.)\s+", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", RegexOptions.CultureInvariant)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex HorizontalRule();
}
