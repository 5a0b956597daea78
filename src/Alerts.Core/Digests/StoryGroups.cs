namespace Alerts.Digests;

/// <summary>
/// Shows each story once in a digest: the copies of one story (same <see cref="DigestArticle.StoryId"/>, or the first
/// article itself) become one entry, the first article's when it is in the window, with the other copies' outlets as
/// "also reported by" and every rule any copy met. A story whose first article went out in an earlier digest comes
/// back only through an update; plain copies of it are left out.
/// </summary>
public static class StoryGroups
{
    /// <summary>"Also reported by 2 outlets: a.org, b.com", or null for a story one outlet carried.</summary>
    public static string? AlsoReported(IReadOnlyList<string> outlets)
    {
        ArgumentNullException.ThrowIfNull(outlets);
        return outlets.Count == 0 ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Also reported by {outlets.Count} {(outlets.Count == 1 ? "outlet" : "outlets")}: {string.Join(", ", outlets)}");
    }

    public static List<DigestArticle> Fold(IReadOnlyList<DigestArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var folded = new List<DigestArticle>();
        foreach (var story in articles.GroupBy(a => a.StoryId ?? a.ArticleId, StringComparer.Ordinal))
        {
            var copies = story.OrderBy(a => a.StoryId is null ? 0 : 1).ThenBy(a => a.MatchedAt).ThenBy(a => a.ArticleId, StringComparer.Ordinal).ToList();
            var shown = copies[0];
            if (shown.StoryId is not null && !copies.Any(c => c.IsUpdate))
            {
                continue;
            }
            if (shown.StoryId is not null)
            {
                shown = copies.First(c => c.IsUpdate);
            }
            if (copies.Count == 1)
            {
                folded.Add(shown);
                continue;
            }
            var outlets = copies.Where(c => c != shown).Select(c => c.Outlet).Concat(copies.SelectMany(c => c.AlsoReportedBy)).OfType<string>()
                .Where(o => !string.Equals(o, shown.Outlet, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var rules = shown.Matches.Select(m => m.Rule).ToHashSet(StringComparer.Ordinal);
            var matches = shown.Matches.Concat(copies.SelectMany(c => c.Matches).Where(m => rules.Add(m.Rule))).OrderByDescending(m => m.Severity).ToList();
            folded.Add(shown with
            {
                AlsoReportedBy = outlets,
                Matches = matches,
                Severity = matches.Max(m => m.Severity),
            });
        }
        return folded;
    }
}
