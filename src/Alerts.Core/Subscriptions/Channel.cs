using System.Text.Json.Serialization;

namespace Alerts.Subscriptions;

/// <summary>How a subscriber receives alerts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    Email,
    Webhook,

    /// <summary>An Atom feed the subscriber's reader fetches: nothing is pushed to it.</summary>
    Feed,

    Teams,
    Slack,
}
