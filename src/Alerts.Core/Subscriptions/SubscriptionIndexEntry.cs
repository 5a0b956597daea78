namespace Alerts.Subscriptions;

/// <summary>
/// One row of the subscription index: subscription <paramref name="SubscriptionId"/> receives the matches of
/// <paramref name="RuleId"/> (a catalogue rule, or a subscriber query's opaque id), immediately or in scheduled digests.
/// </summary>
public sealed record SubscriptionIndexEntry(string RuleId, bool Immediate, string SubscriptionId);
