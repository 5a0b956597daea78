using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>One message of the digest-batches queue: subscriptions whose digests one handler builds and sends together.</summary>
public sealed record DigestBatch(IReadOnlyList<string> SubscriptionIds)
{
    /// <summary>The W3C trace context of the span that sent it; absent in messages sent without one.</summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }
}
