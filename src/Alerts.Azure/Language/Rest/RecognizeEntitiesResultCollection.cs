using System.Collections.ObjectModel;

namespace Alerts.Language.Rest;

/// <summary>Results in the order the documents were given.</summary>
public class RecognizeEntitiesResultCollection : ReadOnlyCollection<RecognizeEntitiesResult>
{
    internal RecognizeEntitiesResultCollection(IList<RecognizeEntitiesResult> results, string modelVersion)
        : base(results)
    {
        ModelVersion = modelVersion;
    }

    /// <summary>The model version the service used, e.g. <c>2021-06-01</c>.</summary>
    public string ModelVersion { get; }
}
