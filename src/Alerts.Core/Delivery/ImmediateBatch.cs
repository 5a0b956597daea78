using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>
/// One message of the immediate-batches queue: some of the subscribers an article's immediate alert goes to, split off
/// by the message of <see cref="NewMatchesMessage"/> so that a rule with many subscribers is sent by many handlers.
/// <paramref name="Rules"/> are the rules the article has just met (an alert is built only for a match of them).
/// </summary>
public sealed record ImmediateBatch(string ArticleId, IReadOnlyList<string> Rules, IReadOnlyList<ImmediateRecipient> Subscribers)
{
    /// <summary>The W3C trace context of the span that sent it; absent in messages sent without one.</summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}
