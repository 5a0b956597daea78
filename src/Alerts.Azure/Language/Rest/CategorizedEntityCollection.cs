using System.Collections.ObjectModel;

namespace Alerts.Language.Rest;

/// <summary>The entities of one document and its warnings.</summary>
public class CategorizedEntityCollection : ReadOnlyCollection<CategorizedEntity>
{
    internal CategorizedEntityCollection(IList<CategorizedEntity> entities, IReadOnlyCollection<LanguageDocumentWarning> warnings)
        : base(entities)
    {
        Warnings = warnings;
    }

    public IReadOnlyCollection<LanguageDocumentWarning> Warnings { get; }
}
