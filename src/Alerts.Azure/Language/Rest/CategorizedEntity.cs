namespace Alerts.Language.Rest;

/// <summary>
/// A named entity the service found in a document.
/// <see cref="Offset"/> and <see cref="Length"/> are UTF-16 code units into the document that was sent.
/// </summary>
public readonly record struct CategorizedEntity(
    string Text,
    string Category,
    string? SubCategory,
    double ConfidenceScore,
    int Offset,
    int Length);
