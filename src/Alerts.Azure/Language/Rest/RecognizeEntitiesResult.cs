namespace Alerts.Language.Rest;

/// <summary>
/// The outcome for one document:
/// either <see cref="Entities"/> or, when <see cref="HasError"/>, an <see cref="Error"/>.
/// </summary>
public class RecognizeEntitiesResult
{
    private readonly CategorizedEntityCollection? _entities;

    internal RecognizeEntitiesResult(string id, CategorizedEntityCollection entities)
    {
        Id = id;
        _entities = entities;
    }

    internal RecognizeEntitiesResult(string id, LanguageDocumentError error)
    {
        Id = id;
        Error = error;
        HasError = true;
    }

    public string Id { get; }

    public bool HasError { get; }

    /// <summary>Why the document was rejected; <c>default</c> unless <see cref="HasError"/>.</summary>
    public LanguageDocumentError Error { get; }

    /// <summary>The document's entities. Throws, like the SDK, when the document was rejected.</summary>
    public CategorizedEntityCollection Entities => _entities ?? throw new InvalidOperationException(
        $"Cannot access the entities of document '{Id}': the service rejected it ({Error.ErrorCode}: {Error.Message}).");

    /// <summary>The document's warnings (the same as <c>Entities.Warnings</c>); empty when it was rejected.</summary>
    public IReadOnlyCollection<LanguageDocumentWarning> Warnings => _entities?.Warnings ?? [];
}
