namespace Alerts.Delivery;

/// <summary>One message of the digest-batches queue: subscriptions whose digests one handler builds and sends together.</summary>
public sealed record DigestBatch(IReadOnlyList<string> SubscriptionIds);
