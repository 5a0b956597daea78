namespace Alerts.Hosting;

/// <summary>The immediate alerts one queue message led to: the article, and how many subscribers it was sent to now.</summary>
public sealed record ImmediateDelivery(string ArticleId, int Sent);
