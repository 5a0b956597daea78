using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>
/// Reads a wire story laid out as plain text: a title line, a byline ("By RFE/RL January 08, 2022"),
/// body paragraphs, then a trailer (credits, "Source: URL", copyright) and site boilerplate.
/// </summary>
internal static partial class WireText
{
    private const int MaxTitleLength = 300;
    private const int MaxBylineLength = 160;

    /// <summary>Parses text whose first line is the title (plain text and Markdown uploads).</summary>
    public static ArticleDraft Parse(string text) => Read(SplitLines(text), titleFirst: true);

    /// <summary>Cleans a body that came without a title line (HTML main content, a JSON <c>body</c>), keeping its trailer facts.</summary>
    public static ArticleDraft ParseBody(string text) => Read(SplitLines(text), titleFirst: false);

    private static ArticleDraft Read(List<string> lines, bool titleFirst)
    {
        var i = 0;
        string? source = null;
        DateTimeOffset? published = null;
        Uri? url = null;

        // A page address or "Source: Reuters" may come before the title.
        for (var look = 0; look < 3; look++)
        {
            SkipBlank(lines, ref i);
            if (i >= lines.Count || !TryReadHeaderLine(lines[i], ref source, ref url))
            {
                break;
            }
            i++;
        }
        SkipBlank(lines, ref i);

        string? title = null;
        if (titleFirst && i < lines.Count && lines[i].Length <= MaxTitleLength && !IsTrailerStart(lines[i]) && HasMoreText(lines, i + 1))
        {
            title = lines[i].Trim();
            i++;
        }

        // Bylines, dates and header lines sit right under the title, possibly several ("By ...", "Updated ...").
        for (var look = 0; look < 4; look++)
        {
            SkipBlank(lines, ref i);
            if (i >= lines.Count || !(TryReadByline(lines[i], ref source, ref published) || TryReadHeaderLine(lines[i], ref source, ref url)))
            {
                break;
            }
            i++;
        }

        var trailerAt = TrailerStart(lines, i);
        var body = new List<string>();
        for (var j = i; j < trailerAt; j++)
        {
            if (!IsBoilerplate(lines[j]))
            {
                body.Add(lines[j]);
            }
        }

        var credits = new List<string>();
        foreach (var line in lines.Skip(trailerAt))
        {
            ReadTrailerLine(line.Trim(), credits, ref url, ref source);
        }

        source ??= DatelineSource(body);
        return new ArticleDraft
        {
            Title = title,
            Source = source,
            PublishedAt = published,
            Url = url,
            Credits = credits,
            Body = string.Join('\n', body),
        };
    }

    /// <summary>
    /// Where the trailer begins: the first trailer line (credits, "Source:", copyright, a bare link) after which come only
    /// more trailer lines, site furniture and short non-sentences ("Home | News", an outlet's name). A trailer-like line
    /// followed by prose is part of the story, wherever it is.
    /// </summary>
    private static int TrailerStart(List<string> lines, int from)
    {
        var start = lines.Count;
        for (var j = lines.Count - 1; j >= from; j--)
        {
            var line = lines[j].Trim();
            if (line.Length == 0 || IsBoilerplate(line))
            {
                continue;
            }
            if (IsTrailerStart(line))
            {
                start = j;
                continue;
            }
            if (line.Length <= MaxTrailerNoteLength && !EndsSentence(line))
            {
                continue;
            }
            break;
        }
        return start;
    }

    private const int MaxTrailerNoteLength = 100;

    private static bool EndsSentence(string line) => line[^1] is '.' or '?' or '!' or '"' or '\u201D' or '\u2019' or ':';

    /// <summary>A line above the story that states a fact of the trailer: its address, or "Source: Reuters".</summary>
    private static bool TryReadHeaderLine(string line, ref string? source, ref Uri? url)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > MaxBylineLength)
        {
            return false;
        }
        if (trimmed.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !trimmed.Contains(' ', StringComparison.Ordinal))
        {
            url ??= ArticleUrl.Read(trimmed);
            return true;
        }
        var sourceMatch = SourceLine().Match(trimmed);
        if (sourceMatch.Success)
        {
            var value = sourceMatch.Groups["value"].Value.Trim();
            if (ArticleUrl.Read(value) is { } found)
            {
                url ??= found;
            }
            else if (value.Length is > 0 and < 80 && IsOutlet(value.TrimEnd('.')))
            {
                source ??= value.TrimEnd('.');
            }
            return true;
        }
        // "Written by staff.", "Compiled by the news desk": a credit without an outlet.
        return WrittenBy().IsMatch(trimmed);
    }

    private static bool TryReadByline(string line, ref string? source, ref DateTimeOffset? published)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > MaxBylineLength)
        {
            return false;
        }

        var by = BylinePrefix().Match(trimmed);
        var hasDate = PublicationDate.TryFind(trimmed, out var date, out var dateRange);
        var rest = trimmed;
        if (hasDate)
        {
            var (offset, length) = dateRange.GetOffsetAndLength(trimmed.Length);
            rest = trimmed.Remove(offset, length);
        }
        if (by.Success)
        {
            rest = rest[Math.Min(by.Length, rest.Length)..];
        }
        else if (!hasDate || rest.Trim(' ', '|', '-', '–', '—', ',', '/').Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 4)
        {
            // A line is a byline only if it starts with "By" or is mostly a date.
            return false;
        }

        if (hasDate)
        {
            published ??= date;
        }
        var outlet = BylineNoise().Replace(rest, " ").Trim(' ', '|', '-', '–', '—', ',', '·', '•');
        if (by.Success && outlet.Length > 0)
        {
            // "By Jane Doe, Reuters": the outlet follows the author. "By Jane Doe" or "By Staff Reporter" names no outlet.
            var parts = outlet.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && IsOutlet(parts[^1]))
            {
                source ??= parts[^1];
            }
        }
        return true;
    }

    /// <summary>
    /// An outlet, not a person or a role: "Reuters", "RFE/RL", "Associated Press", "BBC News"; not "Jane Doe", "Staff
    /// Reporter" or "Jane Doe and John Smith". A name from a byline is an outlet when it is a known agency, holds an
    /// acronym, a slash or a dot, or a word news organisations are named with.
    /// </summary>
    internal static bool IsOutlet(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Length > 6 || words.Any(w => Roles.Contains(w.TrimEnd('.'))))
        {
            return false;
        }
        if (words.Any(w => w.Equals("and", StringComparison.OrdinalIgnoreCase) || w == "&"))
        {
            return false;
        }
        var acronyms = words.Count(IsAcronym);
        return words.Length == 1 && Agencies.Contains(words[0])
            // "AFP", "BBC Persian"; a name in capitals ("JANE DOE") is not an acronym.
            || acronyms > 0 && (words.Length == 1 || acronyms < words.Length)
            || name.Contains('/', StringComparison.Ordinal) || WebAddress().IsMatch(name)
            || words.Any(w => MediaWords.Contains(w));
    }

    private static bool IsAcronym(string word) =>
        word.Length is >= 2 and <= 6 && word.All(c => char.IsUpper(c) || c is '/' or '-' or '&' or '.') && word.Count(char.IsUpper) >= 2;

    private static readonly HashSet<string> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        "staff", "reporter", "reporters", "correspondent", "correspondents", "writer", "editor", "editors",
        "contributor", "our", "special",
    };

    private static readonly HashSet<string> Agencies = new(StringComparer.OrdinalIgnoreCase)
    {
        "Reuters", "Bloomberg", "Xinhua", "Interfax", "Kyodo", "Yonhap", "Anadolu", "Bernama", "Antara", "Wire",
    };

    private static readonly HashSet<string> MediaWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "News", "Press", "Agency", "Times", "Post", "Radio", "TV", "Television", "Journal", "Herald", "Guardian",
        "Telegraph", "Tribune", "Gazette", "Wire", "Service", "Network", "Media", "Broadcasting", "Newswire", "Daily",
        "Review", "Observer", "Chronicle", "Independent", "Insider", "Express", "Mirror", "Standard",
    };

    private static void ReadTrailerLine(string line, List<string> credits, ref Uri? url, ref string? source)
    {
        var creditsMatch = CreditsLine().Match(line);
        if (creditsMatch.Success)
        {
            foreach (var name in CreditSeparators().Split(creditsMatch.Groups["names"].Value))
            {
                var credit = name.Trim().TrimEnd('.').Trim();
                if (credit.Length is > 0 and < 80 && !credits.Contains(credit, StringComparer.OrdinalIgnoreCase))
                {
                    credits.Add(credit);
                }
            }
            return;
        }

        var sourceMatch = SourceLine().Match(line);
        if (sourceMatch.Success)
        {
            var value = sourceMatch.Groups["value"].Value.Trim();
            var found = ArticleUrl.Read(value);
            if (found is not null)
            {
                url ??= found;
            }
            else if (value.Length is > 0 and < 80)
            {
                source ??= value.TrimEnd('.');
            }
            return;
        }

        if (url is null && line.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            url = ArticleUrl.Read(line);
        }
    }

    private static string? DatelineSource(List<string> body)
    {
        var first = body.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l));
        if (first is null)
        {
            return null;
        }
        var m = Dateline().Match(first);
        return m.Success ? m.Groups["agency"].Value : null;
    }

    /// <summary>Lines that end the story: credits, the source link, copyright.</summary>
    internal static bool IsTrailerStart(string line) => TrailerStart().IsMatch(line.Trim());

    /// <summary>Site furniture mixed into the text: menus with pipes, newsletter sign-ups, share buttons.</summary>
    internal static bool IsBoilerplate(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return false;
        }
        if (trimmed.Length < 200 && BoilerplatePhrase().IsMatch(trimmed))
        {
            return true;
        }
        var pipes = trimmed.Count(c => c == '|');
        return pipes >= 2 && trimmed.Length / (pipes + 1) < 40;
    }

    private static List<string> SplitLines(string text) =>
        [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')];

    private static void SkipBlank(List<string> lines, ref int i)
    {
        while (i < lines.Count && string.IsNullOrWhiteSpace(lines[i]))
        {
            i++;
        }
    }

    private static bool HasMoreText(List<string> lines, int from)
    {
        for (var j = from; j < lines.Count; j++)
        {
            if (!string.IsNullOrWhiteSpace(lines[j]) && !IsTrailerStart(lines[j]) && !IsBoilerplate(lines[j]))
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"^(?:by|from)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylinePrefix();

    [GeneratedRegex(@"\.(?:com|org|net|co|info|news)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^(?:written|compiled|edited|reported)\s+by\s+\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WrittenBy();

    [GeneratedRegex(@"\b(?:updated|published|posted|last modified)\s*:?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineNoise();

    [GeneratedRegex(@"^(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing)\s+(?:by|from)\s+(?<names>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditsLine();

    [GeneratedRegex(@",\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CreditSeparators();

    [GeneratedRegex(@"^(?:original\s+)?source\s*:\s*(?<value>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^(?:(?:with\s+)?(?:additional\s+)?(?:reporting|writing|editing)\s+(?:by|from)\b|(?:compiled|written|edited)\s+by\b|(?:original\s+)?source\s*:|copyright\b|\(c\)|©|all rights reserved|originally published\b|https?://\S+$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TrailerStart();

    [GeneratedRegex(@"\bnewsletters?\b|\bsign[\s-]?up (?:for|to|now|here|today)\b|\bsubscribe (?:now|here|today|to our)\b|^subscribe\b|\bfollow us\b|\bshare (?:this|on)\b|\bclick here\b|^read more\b|^related\s*:|^advertisement$|\bcookies? (?:policy|settings)\b|\bprivacy policy\b|\bterms of (?:use|service)\b|\ball rights reserved\b|\bdownload (?:our|the) app\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BoilerplatePhrase();

    [GeneratedRegex(@"^[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Za-z .'-]{2,40})?\s*\((?<agency>AP|AFP|Reuters|RFE/RL|dpa|DPA|Xinhua|UPI|ANSA|EFE|Kyodo|Yonhap|TASS|Interfax|Anadolu|IANS|PTI)\)\s*[-–—]", RegexOptions.CultureInvariant)]
    private static partial Regex Dateline();
}
