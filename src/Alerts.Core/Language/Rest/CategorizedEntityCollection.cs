using System.Collections.ObjectModel;

namespace Alerts.Language.Rest;

/// <summary>The entities of one document and its warnings, as in <c>Azure.AI.TextAnalytics.CategorizedEntityCollection</c>.</summary>
public class CategorizedEntityCollection : ReadOnlyCollection<CategorizedEntity>
{
    internal CategorizedEntityCollection(IList<CategorizedEntity> entities, IReadOnlyCollection<TextAnalyticsWarning> warnings)
        : base(entities)
    {
        Warnings = warnings;
    }

    public IReadOnlyCollection<TextAnalyticsWarning> Warnings { get; }
}
