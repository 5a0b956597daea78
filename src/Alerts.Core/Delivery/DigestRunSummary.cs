namespace Alerts.Delivery;

/// <summary>What one digest run did, for the log and the console.</summary>
public sealed record DigestRunSummary(int Subscriptions, int Sent, int Failed, int Empty);
