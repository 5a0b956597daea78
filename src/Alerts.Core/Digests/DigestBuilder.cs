using Alerts.Analysis;
using Alerts.Entities;
using Alerts.Storage;
using Alerts.Subscriptions;
using Microsoft.Extensions.Options;

namespace Alerts.Digests;

/// <summary>Gathers a subscriber's new matches into one digest: one entry per article listing every rule it met.</summary>
public sealed class DigestBuilder(IAnalysisStore store, QueryRuleIds queryRuleIds, IOptions<DigestOptions> options, TimeProvider time)
{
    private const int MainEntities = 6;

    /// <summary>The same builder reading through <paramref name="reads"/> (a batch's shared cache of the store).</summary>
    public DigestBuilder ReadingThrough(IAnalysisStore reads) => new(reads, queryRuleIds, options, time);

    /// <summary>The digest of the matches stored in [<paramref name="start"/>, <paramref name="end"/>), or null when there are none.</summary>
    public async Task<Digest?> BuildScheduledAsync(Subscription subscription, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var watched = await queryRuleIds.WatchedByAsync(subscription, cancellationToken).ConfigureAwait(false);
        var refs = await MatchesAsync(watched, start, end, cancellationToken).ConfigureAwait(false);
        if (refs.Count == 0)
        {
            return null;
        }

        var articles = new List<DigestArticle>();
        foreach (var group in refs.GroupBy(r => r.ArticleId, StringComparer.Ordinal))
        {
            if (await ArticleAsync(watched, group, cancellationToken).ConfigureAwait(false) is { } article)
            {
                articles.Add(article);
            }
        }
        articles = StoryGroups.Fold(articles);
        return articles.Count == 0 ? null : Create(subscription, DigestIds.Scheduled(subscription.Id, start, end), DigestKind.Scheduled, start, end, articles);
    }

    /// <summary>
    /// The same selection as a scheduled digest's, newest match first and at most <paramref name="max"/> articles
    /// (only those are read): what a feed shows of [<paramref name="start"/>, <paramref name="end"/>).
    /// </summary>
    public async Task<IReadOnlyList<DigestArticle>> RecentAsync(Subscription subscription, DateTimeOffset start, DateTimeOffset end, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var watched = await queryRuleIds.WatchedByAsync(subscription, cancellationToken).ConfigureAwait(false);
        var refs = await MatchesAsync(watched, start, end, cancellationToken).ConfigureAwait(false);
        var articles = new List<DigestArticle>();
        foreach (var group in refs.GroupBy(r => r.ArticleId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(r => r.MatchedAt)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            if (articles.Count >= max)
            {
                break;
            }
            if (await ArticleAsync(watched, group, cancellationToken).ConfigureAwait(false) is { } article)
            {
                articles.Add(article);
            }
        }
        // One entry per story, as in a digest: other outlets' copies fold into it.
        return [.. StoryGroups.Fold(articles).OrderByDescending(a => a.MatchedAt).ThenBy(a => a.ArticleId, StringComparer.Ordinal)];
    }

    private async Task<List<RuleMatchRef>> MatchesAsync(IReadOnlyList<string> watched, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var refs = new List<RuleMatchRef>();
        foreach (var rule in watched.Distinct(StringComparer.Ordinal))
        {
            refs.AddRange(await store.GetRuleMatchesAsync(rule, start, end, cancellationToken).ConfigureAwait(false));
        }
        return refs;
    }

    /// <summary>One article of the matches <paramref name="refs"/> name, as this subscriber sees it; null when its analysis is gone.</summary>
    private async Task<DigestArticle?> ArticleAsync(IReadOnlyList<string> watched, IGrouping<string, RuleMatchRef> refs, CancellationToken cancellationToken)
    {
        // The article's query matches only when this subscriber met one of its own queries in it.
        var analysis = refs.Any(r => QueryRuleIds.IsQueryRule(r.RuleId))
            ? await store.GetStoredAsync(refs.Key, cancellationToken).ConfigureAwait(false)
            : await store.GetAnalysisAsync(refs.Key, cancellationToken).ConfigureAwait(false);
        return analysis is null ? null : ToArticle(watched, analysis);
    }

    /// <summary>
    /// The immediate alert for one newly analysed article (with its <see cref="ArticleAnalysis.QueryMatches"/>), or
    /// null when it met none of the subscriber's rules or queries.
    /// </summary>
    public async Task<Digest?> BuildImmediateAsync(Subscription subscription, ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(analysis);
        var watched = await queryRuleIds.WatchedByAsync(subscription, cancellationToken).ConfigureAwait(false);
        return ToArticle(watched, analysis) is { } article
            ? Create(subscription, DigestIds.Immediate(subscription.Id, analysis.Article.Id), DigestKind.Immediate, analysis.AnalyzedAt, analysis.AnalyzedAt, [article])
            : null;
    }

    private Digest Create(Subscription subscription, string id, DigestKind kind, DateTimeOffset start, DateTimeOffset end, List<DigestArticle> articles)
    {
        var max = options.Value.MaxArticles;
        var ordered = articles.OrderByDescending(a => a.Severity).ThenByDescending(a => a.MatchedAt).ThenBy(a => a.ArticleId, StringComparer.Ordinal).ToList();
        return new Digest
        {
            Id = id,
            SubscriptionId = subscription.Id,
            Kind = kind,
            WindowStart = start,
            WindowEnd = end,
            CreatedAt = time.GetUtcNow(),
            Articles = [.. ordered.Take(max)],
            MoreArticles = Math.Max(0, ordered.Count - max),
        };
    }

    private static DigestArticle? ToArticle(IReadOnlyList<string> watchedRules, ArticleAnalysis analysis)
    {
        var watched = watchedRules.ToHashSet(StringComparer.Ordinal);
        // Most severe first; rules of one severity in catalogue order, then the subscriber's queries (OrderBy is stable).
        var matches = analysis.Matches.Concat(analysis.QueryMatches).Where(m => watched.Contains(m.Rule)).OrderByDescending(m => m.Severity).ToList();
        if (matches.Count == 0)
        {
            return null;
        }
        var article = analysis.Article;
        return new DigestArticle
        {
            ArticleId = article.Id,
            Title = article.Title,
            Source = article.Source,
            PublishedAt = article.PublishedAt,
            Url = article.Url,
            MatchedAt = analysis.AnalyzedAt,
            Severity = matches.Max(m => m.Severity),
            Matches = matches,
            Entities = [.. analysis.Entities
                .Where(e => e.Category is EntityCategory.Person or EntityCategory.Location or EntityCategory.Organization)
                .GroupBy(e => (e.Category, e.Text))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(e => e.Offset))
                .Take(MainEntities)
                .Select(g => g.First())],
            EntityGroups = Digests.EntityGroups.Of(analysis.Entities),
            Outlet = Stories.Outlets.Of(article),
            StoryId = analysis.Story?.StoryId,
            IsUpdate = analysis.Story?.IsUpdate ?? false,
            AlsoReportedBy = analysis.Story?.Outlets ?? [],
        };
    }
}
