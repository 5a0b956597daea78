using System.Text.Json.Serialization;

namespace Alerts.Subscriptions;

/// <summary>How a subscriber receives alerts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    Email,
    Webhook,
    Teams,
    Slack,
}
