using Alerts.Rules;
using Alerts.Storage;

namespace Alerts.Analysis;

/// <summary>What processing one upload did.</summary>
public sealed record ProcessingResult
{
    public required UploadRecord Upload { get; init; }

    /// <summary>The analysis (new, or the stored one for a duplicate); null when the upload failed.</summary>
    public ArticleAnalysis? Analysis { get; init; }

    /// <summary>Matches stored for the first time by this run; empty on a repeat.</summary>
    public IReadOnlyList<RuleMatch> NewMatches { get; init; } = [];
}
