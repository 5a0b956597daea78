namespace Alerts.Language.Rest;

/// <summary>Per-call options of <see cref="LanguageClient.RecognizeEntitiesBatchAsync"/>.</summary>
public class RecognizeEntitiesOptions
{
    /// <summary>The model version to use, e.g. <c>latest</c> or <c>2021-06-01</c>; the service default when null.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>
    /// Whether the service may keep the text for its own troubleshooting: <c>true</c> asks it not to
    /// (<c>loggingOptOut</c>); null leaves the service's default.
    /// </summary>
    public bool? DisableServiceLogs { get; set; }
}
