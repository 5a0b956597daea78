namespace Alerts.Language.Rest;

/// <summary>Per-call options of <see cref="LanguageClient.RecognizeEntitiesBatchAsync"/>.</summary>
public class RecognizeEntitiesOptions
{
    /// <summary>The model version to use, e.g. <c>latest</c> or <c>2021-06-01</c>; the service default when null.</summary>
    public string? ModelVersion { get; set; }
}
