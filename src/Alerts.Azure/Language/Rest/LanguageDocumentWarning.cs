namespace Alerts.Language.Rest;

/// <summary>A warning the service reported for one document.</summary>
public readonly record struct LanguageDocumentWarning(string WarningCode, string Message);
