namespace Alerts.Language.Rest;

/// <summary>Per-call options, as in <c>Azure.AI.TextAnalytics.TextAnalyticsRequestOptions</c>.</summary>
public class TextAnalyticsRequestOptions
{
    /// <summary>The model version to use, e.g. <c>latest</c> or <c>2021-06-01</c>; the service default when null.</summary>
    public string? ModelVersion { get; set; }
}
