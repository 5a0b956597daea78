using Alerts.Rules;

namespace Alerts.Outcomes;

/// <summary>One stored match of a catalogue rule, with what the match row recorded of the article.</summary>
public sealed record RuleMatchEntry(string RuleId, string ArticleId, DateTimeOffset MatchedAt, string? ArticleTitle, string? Source, Severity? Severity);
