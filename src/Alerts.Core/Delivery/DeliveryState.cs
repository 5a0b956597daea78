using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>Where a digest is in its life. Only <see cref="Sent"/> advances a subscription's watermark.</summary>
/// <remarks>Stored in the ledger's <c>State</c> column as the member names below (<see cref="StoredValue"/>).</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
public enum DeliveryState
{
    /// <summary>Built and waiting for its first attempt or its next retry.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,

    /// <summary>Claimed by a run that is sending it; if that run dies, the claim expires and the digest is sent again with the same id.</summary>
    [JsonStringEnumMemberName("sending")]
    Sending,

    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>Every retry failed (or the receiver answered 410): kept for <c>alerts redeliver</c>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>
    /// Never sent: a digest of an overlapping window (a send-now and the timer at the same moment) went instead and
    /// carries its articles. Not outstanding, not redelivered.
    /// </summary>
    [JsonStringEnumMemberName("superseded")]
    Superseded,
}
