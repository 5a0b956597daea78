namespace Alerts.Language.Rest;

/// <summary>
/// A named entity the service found in a document.
/// <see cref="Offset"/> and <see cref="Length"/> are UTF-16 code units into the document that was sent.
/// <see cref="Category"/> and <see cref="SubCategory"/> are the project's names (see EntityTypeMapping);
/// <see cref="Type"/> and <see cref="Tags"/> are what api-version 2024-11-01 returned (null and empty before it).
/// </summary>
public readonly record struct CategorizedEntity(
    string Text,
    string Category,
    string? SubCategory,
    double ConfidenceScore,
    int Offset,
    int Length)
{
    public string? Type { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];
}
