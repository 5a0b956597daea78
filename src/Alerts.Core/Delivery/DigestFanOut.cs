namespace Alerts.Delivery;

/// <summary>What one digest timer run handed out: active subscriptions found and the batches queued for them.</summary>
public sealed record DigestFanOut(int Subscriptions, int Batches);
