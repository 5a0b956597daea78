namespace Alerts.Delivery;

/// <summary>
/// What one read of a subscription's ledger rows tells a digest run: the rows still to send (pending, or claimed by a
/// sender) and the newest scheduled digest sent after a given time, if any.
/// </summary>
public sealed record OpenDeliveries(IReadOnlyList<DeliveryRecord> Outstanding, DeliveryRecord? LatestSentScheduled);
