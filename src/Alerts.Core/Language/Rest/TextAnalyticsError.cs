namespace Alerts.Language.Rest;

/// <summary>
/// Why the service rejected one document, as in <c>Azure.AI.TextAnalytics.TextAnalyticsError</c>.
/// <see cref="ErrorCode"/> is the most specific code the service gave (the inner error's when there is one),
/// e.g. <c>InvalidDocument</c> or <c>UnsupportedLanguageCode</c>.
/// </summary>
public readonly record struct TextAnalyticsError(string ErrorCode, string Message, string? Target = null);
