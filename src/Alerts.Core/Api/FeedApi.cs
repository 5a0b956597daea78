using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Digests;
using Alerts.Feeds;
using Alerts.Rules;
using Alerts.Subscriptions;

namespace Alerts.Api;

/// <summary>
/// <c>GET /api/feeds/{id}?token=…</c>: a feed subscription's recent matches as Atom. Anonymous (a feed reader has no
/// key), so the signed token is the only credential: a wrong, tampered or another subscription's token, an unknown id
/// and an ended subscription all get the same 404, which says nothing about whether the id exists.
/// </summary>
public sealed class FeedApi(ISubscriptionStore subscriptions, FeedLinks links, DigestBuilder builder, RuleCatalog catalog, IFeedWriter writer, TimeProvider time)
{
    /// <summary>How far back the feed reaches, and how many articles it shows at most (newest first).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);
    public const int MaxEntries = 50;

    /// <summary>Readers poll; a few minutes of reuse keeps a busy reader from rebuilding the feed on every poll.</summary>
    public const string CacheControl = "private, max-age=300";

    private const int MaxTitleLength = 200;

    private static readonly ApiResponse NotFound = ApiResponse.Problem(404, "No such feed.") with
    {
        Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
    };

    public async Task<ApiResponse> GetAsync(string id, string? token, string? ifNoneMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!SubscriptionIds.IsValid(id) || !await links.IsValidAsync(id, token, cancellationToken).ConfigureAwait(false))
        {
            return NotFound;
        }
        // Only an active feed answers: unsubscribing revokes every URL issued for it, pausing hides it until resumed.
        if (await subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { Channel: Channel.Feed, Status: SubscriptionStatus.Active } subscription)
        {
            return NotFound;
        }

        var now = time.GetUtcNow();
        var articles = await builder.RecentAsync(subscription, now - Window, now, MaxEntries, cancellationToken).ConfigureAwait(false);
        var body = writer.Write(Document(subscription, links.Of(id, token!), articles));
        var etag = ETagOf(body);
        var headers = new Dictionary<string, string>
        {
            ["ETag"] = etag,
            ["Cache-Control"] = CacheControl,
            ["X-Content-Type-Options"] = "nosniff",
            // The URL carries the token: a reader following an entry's link must not send it on.
            ["Referrer-Policy"] = "no-referrer",
        };
        return Matches(ifNoneMatch, etag)
            ? new ApiResponse(304) { Headers = headers }
            : new ApiResponse(200) { Headers = headers, Content = body, ContentType = writer.ContentType };
    }

    private FeedDocument Document(Subscription subscription, Uri self, IReadOnlyList<DigestArticle> articles)
    {
        var titles = catalog.Rules.ToDictionary(r => r.Id, r => r.Title, StringComparer.Ordinal);
        var watches = subscription.Rules.Select(r => titles.GetValueOrDefault(r) ?? r)
            .Concat(subscription.Queries.Select(q => "“" + QueryInWords.Describe(q) + "”"));
        return new FeedDocument
        {
            Id = UrnOf("feed", subscription.Id),
            Title = Clip("Alerts: " + string.Join(", ", watches)),
            // From the matches, not the clock: the same matches give the same bytes and so the same ETag.
            Updated = articles.Count > 0 ? articles.Max(a => a.MatchedAt) : subscription.ConfirmedAt ?? subscription.CreatedAt,
            Self = self,
            Author = "Alerts",
            Entries = [.. articles.Select(a => Entry(subscription.Id, a))],
        };
    }

    private static FeedEntry Entry(string subscriptionId, DigestArticle article) => new()
    {
        Id = UrnOf("entry", subscriptionId + "/" + article.ArticleId),
        Title = Clip(string.IsNullOrWhiteSpace(article.Title) ? "(untitled story)" : article.Title),
        // Only web links: a javascript: or data: URL in an upload must not become a link a reader follows.
        Link = article.Url is { IsAbsoluteUri: true } url && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? url : null,
        Updated = article.MatchedAt,
        Published = article.PublishedAt,
        // The snippets, then who else carried the story (its copies are folded into this entry).
        Summary = string.Join(" … ", article.Matches.SelectMany(m => m.Snippets).Select(s => s.Text).Distinct(StringComparer.Ordinal).Take(3))
            + (StoryGroups.AlsoReported(article.AlsoReportedBy) is { } also ? " (" + also + ")" : ""),
        Categories = [.. article.Matches.Select(m => new FeedCategory(m.Rule, m.Title)).DistinctBy(c => c.Term, StringComparer.Ordinal)],
    };

    /// <summary>A stable <c>urn:uuid:</c> from the name (RFC 9562 version 8, from SHA-256): unique per feed and entry, telling nothing.</summary>
    private static string UrnOf(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("alerts/" + kind + "\n" + name)).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash, bigEndian: true).ToString("D", CultureInfo.InvariantCulture);
    }

    /// <summary>A strong validator: the same bytes, the same tag.</summary>
    private static string ETagOf(byte[] body) => "\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18)) + "\"";

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 13.1.2): a <c>W/</c> prefix is ignored; <c>*</c> matches.</summary>
    private static bool Matches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch) || ifNoneMatch.Length > 4096)
        {
            return false;
        }
        foreach (var tag in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (tag == "*" || string.Equals(tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag, etag, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static string Clip(string s) =>
        s.Length <= MaxTitleLength ? s : s[..(char.IsHighSurrogate(s[MaxTitleLength - 1]) ? MaxTitleLength - 1 : MaxTitleLength)] + "…";
}
