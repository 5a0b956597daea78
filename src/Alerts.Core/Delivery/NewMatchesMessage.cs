using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>
/// The queue message the analysis path sends when an article meets rules for the first time. One message per
/// article (listing every new match) so an immediate subscriber gets one alert per story, not one per rule.
/// </summary>
public sealed record NewMatchesMessage(string ArticleId, IReadOnlyList<string> Rules)
{
    /// <summary>The W3C trace context of the span that sent it; absent in messages sent without one.</summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}
