namespace Alerts.Digests;

/// <summary>
/// One message to one subscriber: the new matches of a window, grouped by article. The id is deterministic
/// (subscription and window, or subscription and article for immediate alerts), so a resend carries the same id.
/// </summary>
public sealed record Digest
{
    public required string Id { get; init; }
    public required string SubscriptionId { get; init; }

    public required DigestKind Kind { get; init; }

    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Most severe first, then newest.</summary>
    public required IReadOnlyList<DigestArticle> Articles { get; init; }

    /// <summary>Articles left out by the size cap ("and N more").</summary>
    public int MoreArticles { get; init; }
}
