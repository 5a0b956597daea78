namespace Alerts.Entities;

/// <summary>
/// A named entity found in an article body, in Azure AI Language's vocabulary
/// (see <see cref="EntityCategory"/>). Offset and length are in UTF-16 code units into the body.
/// </summary>
public sealed record Entity(
    string Text,
    string Category,
    string? Subcategory,
    int Offset,
    int Length,
    double Confidence);
