namespace Alerts.Delivery;

/// <summary>What one digest run did, for the log and the console.</summary>
/// <param name="Subscriptions">Active subscriptions looked at.</param>
/// <param name="Sent">Digests sent (first tries and retries).</param>
/// <param name="Failed">Attempts that failed: a retry is scheduled, or every retry is used up.</param>
/// <param name="Retried">Of the attempts made, those that were retries of an earlier failed or interrupted attempt.</param>
/// <param name="Held">Digests claimed by another run whose claim has not expired: that run is sending them.</param>
/// <param name="NotDue">Subscriptions whose next window has not closed yet, and retries whose time has not come.</param>
/// <param name="Empty">Windows that closed with nothing new (nothing is sent for them).</param>
public sealed record DigestRunSummary(int Subscriptions, int Sent, int Failed, int Retried, int Held, int NotDue, int Empty)
{
    public static DigestRunSummary None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public static DigestRunSummary operator +(DigestRunSummary a, DigestRunSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Subscriptions + b.Subscriptions, a.Sent + b.Sent, a.Failed + b.Failed, a.Retried + b.Retried, a.Held + b.Held, a.NotDue + b.NotDue, a.Empty + b.Empty);
    }

    public static DigestRunSummary Add(DigestRunSummary a, DigestRunSummary b) => a + b;

    /// <summary>One line for the console and the log.</summary>
    public override string ToString() =>
        $"{Subscriptions} active subscriptions: {Sent} sent, {Failed} failed, {Retried} retried, {Held} held by another run, {NotDue} not yet due, {Empty} with nothing new";
}
