using Alerts.Analysis;
using Alerts.Entities;
using Alerts.Subscriptions;

namespace Alerts.Outcomes;

/// <summary>
/// One stored analysis as people read it: metadata, entities grouped by category, and the catalogue rules it met with
/// their marked snippets. Matches of subscribers' own queries are never part of it.
/// </summary>
public sealed record ArticleDetails(
    string Id,
    string Upload,
    string? Title,
    string? Source,
    Uri? Url,
    DateTimeOffset? PublishedAt,
    DateTimeOffset AnalyzedAt,
    string Extractor,
    IReadOnlyList<EntitiesOfCategory> Entities,
    IReadOnlyList<MatchDetails> Matches,
    IReadOnlyList<string> Warnings,
    StoryLink? Story = null)
{
    // People, places and organisations first: what an analyst scans for; the rest after, by name.
    private static readonly string[] CategoryOrder = [EntityCategory.Person, EntityCategory.Location, EntityCategory.Organization, EntityCategory.Event];

    public static ArticleDetails From(ArticleAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var article = analysis.Article;
        var entities = analysis.Entities
            .Where(e => !string.IsNullOrWhiteSpace(e.Text))
            .GroupBy(e => e.Category, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(CategoryOrder, g.Key) is var i and >= 0 ? i : CategoryOrder.Length)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EntitiesOfCategory(g.Key, [.. g
                .GroupBy(e => e.Text.Trim(), StringComparer.Ordinal)
                .OrderByDescending(n => n.Count()).ThenBy(n => n.Min(e => e.Offset))
                .Select(n => new EntityMention(n.Key, n.Count()))]))
            .ToList();
        var matches = analysis.Matches
            // The shared analysis holds catalogue matches only; a subscriber's query match must never show here.
            .Where(m => !QueryRuleIds.IsQueryRule(m.Rule))
            .OrderByDescending(m => m.Severity)
            .Select(m => new MatchDetails(m.Rule, m.Title, m.Severity.ToString().ToLowerInvariant(), [.. m.Snippets.Select(s => s.Marked)]))
            .ToList();
        return new(article.Id, article.Name, article.Title, article.Source, article.Url, article.PublishedAt, analysis.AnalyzedAt,
            analysis.Extractor, entities, matches, analysis.Warnings,
            analysis.Story is { } story ? new StoryLink(story.StoryId, $"/api/articles/{story.StoryId}", story.IsUpdate, story.Outlets) : null);
    }
}

/// <summary>
/// The story an article copies: its first article's id and results link, whether this copy alerted as an update, and
/// the outlets that reported it before.
/// </summary>
public sealed record StoryLink(string Id, string Link, bool Update, IReadOnlyList<string> ReportedBefore);

/// <summary>The distinct names of one entity category, most mentioned first.</summary>
public sealed record EntitiesOfCategory(string Category, IReadOnlyList<EntityMention> Names);

/// <summary>A name and how many times the article mentions it.</summary>
public sealed record EntityMention(string Text, int Mentions);

/// <summary>A catalogue rule the article met, with its snippets in Markdown emphasis.</summary>
public sealed record MatchDetails(string Rule, string Title, string Severity, IReadOnlyList<string> Snippets);
