namespace Alerts.Language.Rest;

/// <summary>
/// Why the service rejected one document.
/// <see cref="ErrorCode"/> is the most specific code the service gave (the inner error's when there is one),
/// e.g. <c>InvalidDocument</c> or <c>UnsupportedLanguageCode</c>.
/// </summary>
public readonly record struct LanguageDocumentError(string ErrorCode, string Message, string? Target = null);
