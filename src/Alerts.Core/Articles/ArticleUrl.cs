using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>Reads a source URL from trailer text, repairing the stray spaces copy-and-paste leaves in it.</summary>
public static partial class ArticleUrl
{
    private const int MaxLength = 2048;
    private static readonly System.Buffers.SearchValues<char> Whitespace = System.Buffers.SearchValues.Create(" \t\r\n\v\f\u00A0\u2028\u2029");

    /// <summary>
    /// Reads the URL that starts <paramref name="text"/>. Whitespace inside it is removed when the pieces on both sides
    /// are URL characters and the piece before ends where a URL can go on (a hyphen, slash, dot, or the middle of a path),
    /// so "https://www. rferl.org/a/kazakh- unrest/31644.html" comes back whole.
    /// </summary>
    public static Uri? Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var tokens = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || !tokens[0].StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var url = tokens[0];
        for (var i = 1; i < tokens.Length; i++)
        {
            var next = tokens[i];
            if (!UrlChars().IsMatch(next) || next.StartsWith("http", StringComparison.OrdinalIgnoreCase) || !Continues(url, next))
            {
                break;
            }
            url += next;
        }
        return Validate(url.TrimEnd('.', ',', ';', ')', ']'));
    }

    /// <summary>Accepts only absolute http(s) URLs of sane length with a host; anything else is not a source link.</summary>
    public static Uri? Validate(string? candidate)
    {
        if (string.IsNullOrWhiteSpace(candidate) || candidate.Length > MaxLength)
        {
            return null;
        }
        candidate = candidate.Trim();
        // Uri keeps a line break inside the path as it is: "https://x.org/a\r\nBcc: …" would reach a Markdown link or a header.
        if (candidate.AsSpan().IndexOfAny(Whitespace) >= 0 || candidate.Any(char.IsControl))
        {
            return null;
        }
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host) || !uri.Host.Contains('.', StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }
        return uri;
    }

    private static bool Continues(string soFar, string next)
    {
        var last = soFar[^1];
        if (last is '-' or '/' or '.' or '_' or '=' or '&' or '?' or '#')
        {
            return true;
        }
        // "https://www.rferl.org/a/kazakhstan-unrest /31644.html": the next piece starts with a separator.
        if (next[0] is '/' or '.' or '-' or '_' or '?' or '&' or '=' or '#')
        {
            return true;
        }
        // Inside the path, a break between two word pieces ("kazakh stan") is a lost character, not two URLs,
        // only when the next piece still looks like a path (has a slash or ends in a file extension).
        var inPath = soFar.IndexOf('/', soFar.IndexOf("//", StringComparison.Ordinal) + 2) > 0;
        return inPath && (next.Contains('/', StringComparison.Ordinal) || FileExtension().IsMatch(next));
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlChars();

    [GeneratedRegex(@"\.(?:html?|php|aspx?|shtml|jsp)(?:[?#].*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FileExtension();
}
