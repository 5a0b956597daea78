namespace Alerts.Language.Rest;

/// <summary>One document to analyse.</summary>
public class LanguageDocumentInput
{
    public LanguageDocumentInput(string id, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(text);
        Id = id;
        Text = text;
    }

    /// <summary>Unique within a request.</summary>
    public string Id { get; }

    public string Text { get; }

    /// <summary>ISO 639-1 language of <see cref="Text"/>, e.g. <c>en</c>.</summary>
    public string? Language { get; set; }
}
