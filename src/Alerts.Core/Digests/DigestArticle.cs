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
}
