namespace Alerts.Storage;

/// <summary>A pointer to a stored match: which article met which rule, and when.</summary>
public sealed record RuleMatchRef(string RuleId, string ArticleId, DateTimeOffset MatchedAt);
