namespace Alerts.Language.Rest;

/// <summary>A warning the service reported for one document, as in <c>Azure.AI.TextAnalytics.TextAnalyticsWarning</c>.</summary>
public readonly record struct TextAnalyticsWarning(string WarningCode, string Message);
