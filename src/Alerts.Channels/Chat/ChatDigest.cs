using System.Globalization;
using Alerts.Digests;

namespace Alerts.Channels.Chat;

/// <summary>
/// What a Teams or Slack message of a digest says, before either platform's format: the same content as the email
/// (heading, window, each article's headline, source link, time, the rules it met with their snippets), the
/// "and N more" count with a link to the rest, and the unsubscribe link. Article text is kept raw here; each payload
/// builder escapes it for its platform.
/// </summary>
public sealed record ChatDigest
{
    public required string Heading { get; init; }

    public required string Window { get; init; }

    public required IReadOnlyList<DigestArticle> Articles { get; init; }

    /// <summary>Articles the digest itself left out; a builder that cuts more adds its own.</summary>
    public int MoreArticles { get; init; }

    /// <summary>Where the reader finds the rest when articles are left out (the results API for the window), or null.</summary>
    public Uri? MoreUrl { get; init; }

    public Uri? UnsubscribeUrl { get; init; }

    public static ChatDigest From(Digest digest, Uri? moreUrl, Uri? unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var total = digest.Articles.Count + digest.MoreArticles;
        return new ChatDigest
        {
            Heading = digest.Kind == DigestKind.Immediate ? "New alert" : $"{Count(total, "article")} matched your alerts",
            Window = digest.Kind == DigestKind.Immediate
                ? $"Matched {Format(digest.WindowEnd)}"
                : $"{Format(digest.WindowStart)} to {Format(digest.WindowEnd)}",
            Articles = digest.Articles,
            MoreArticles = digest.MoreArticles,
            MoreUrl = moreUrl,
            UnsubscribeUrl = unsubscribeUrl,
        };
    }

    public static string Title(DigestArticle article) =>
        string.IsNullOrWhiteSpace(article.Title) ? "(untitled)" : OneLine(article.Title);

    /// <summary>"Source · 1 Jan 2026 08:00 UTC", or empty.</summary>
    public static string Byline(DigestArticle article) => string.Join(" · ",
        new[] { article.Source is { } s ? OneLine(s) : null, article.PublishedAt is { } p ? Format(p) : null }.Where(s => !string.IsNullOrEmpty(s)));

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>Line breaks and other control characters in a one-line field become spaces.</summary>
    public static string OneLine(string text) => new([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
}
