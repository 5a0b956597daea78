using System.Text.Json.Serialization;

namespace Alerts.Subscriptions;

[JsonConverter(typeof(JsonStringEnumConverter<SubscriptionStatus>))]
public enum SubscriptionStatus
{
    /// <summary>An email subscription waiting for its confirmation link to be followed.</summary>
    Pending,

    /// <summary>Receiving alerts.</summary>
    Active,

    /// <summary>Stopped by the subscriber, or by the receiver answering 410 Gone.</summary>
    Paused,

    /// <summary>Deliveries failed after every retry; the undelivered digest waits in the ledger for redelivery.</summary>
    Failing,

    /// <summary>Unsubscribed; kept so a replayed token or a late digest finds it and does nothing.</summary>
    Unsubscribed,
}
