namespace Alerts.Delivery;

/// <summary>Where a digest is in its life. Only <see cref="Sent"/> advances a subscription's watermark.</summary>
public static class DeliveryState
{
    /// <summary>Built and waiting for its first attempt or its next retry.</summary>
    public const string Pending = "pending";

    /// <summary>Claimed by a run that is sending it; if that run dies, the claim expires and the digest is sent again with the same id.</summary>
    public const string Sending = "sending";

    public const string Sent = "sent";

    /// <summary>Every retry failed (or the receiver answered 410): kept for <c>alerts redeliver</c>.</summary>
    public const string Failed = "failed";
}
