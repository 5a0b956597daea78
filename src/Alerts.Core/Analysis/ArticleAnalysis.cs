using System.Text.Json.Serialization;
using Alerts.Articles;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Stories;

namespace Alerts.Analysis;

/// <summary>Everything the pipeline learnt about one article; stored as <c>analyses/{articleId}.json</c>.</summary>
public sealed record ArticleAnalysis
{
    public required Article Article { get; init; }
    public required IReadOnlyList<Entity> Entities { get; init; }
    /// <summary>Matches of the catalogue's rules: shared, stored in the analysis blob and shown to every subscriber.</summary>
    public required IReadOnlyList<RuleMatch> Matches { get; init; }

    /// <summary>
    /// Matches of subscribers' own queries (ids from <see cref="Subscriptions.QueryRuleIds"/>). Never serialised with
    /// the analysis: the store keeps them apart and only their owners' digests read them.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<RuleMatch> QueryMatches { get; init; } = [];

    /// <summary>"embedded", "azure-language", or "embedded (fallback)" when the Language service failed.</summary>
    public required string Extractor { get; init; }

    /// <summary>Azure AI Language text records billed for this article (0 with the embedded extractor).</summary>
    public int TextRecords { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The story this article copies, when an earlier article carried the same body; null for a story's first article.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StoryFold? Story { get; init; }

    public required DateTimeOffset AnalyzedAt { get; init; }
}
