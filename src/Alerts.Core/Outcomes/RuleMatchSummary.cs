namespace Alerts.Outcomes;

/// <summary>One match of a rule as listed: which article, when, and how severe.</summary>
public sealed record RuleMatchSummary(string Rule, string ArticleId, DateTimeOffset MatchedAt, string? Title, string? Source, string Severity);
