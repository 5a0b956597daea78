using Alerts.Entities;
using Alerts.Rules;

namespace Alerts.Digests;

/// <summary>An article in a digest with every rule it met for this subscriber.</summary>
public sealed record DigestArticle
{
    public required string ArticleId { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public Uri? Url { get; init; }
    public required DateTimeOffset MatchedAt { get; init; }
    public required Severity Severity { get; init; }
    public required IReadOnlyList<RuleMatch> Matches { get; init; }

    /// <summary>The main people, places and organisations, most mentioned first.</summary>
    public IReadOnlyList<Entity> Entities { get; init; } = [];

    /// <summary>The article's people, places and organisations by kind, each named once (<see cref="EntityGroups"/>).</summary>
    public IReadOnlyList<EntityGroup> EntityGroups { get; init; } = [];

    /// <summary>The site or outlet that published it (its URL's host, or its source line).</summary>
    public string? Outlet { get; init; }

    /// <summary>The id of the story's first article when this is another outlet's copy; null when it is the first.</summary>
    public string? StoryId { get; init; }

    /// <summary>True when this copy of a story already reported alerts again: it meets new rules or adds substantial text.</summary>
    public bool IsUpdate { get; init; }

    /// <summary>The other outlets that reported the same story, each once.</summary>
    public IReadOnlyList<string> AlsoReportedBy { get; init; } = [];
}
