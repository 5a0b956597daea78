namespace Alerts.Delivery;

public enum DeliveryResult
{
    /// <summary>The receiver accepted it (SMTP accepted, HTTP 2xx).</summary>
    Sent,

    /// <summary>Not delivered this time; retried later with backoff.</summary>
    Failed,

    /// <summary>The receiver says it is gone for good (HTTP 410, or a chat platform's answer that means so): the subscription is paused.</summary>
    Gone,
}
