namespace Alerts.Stories;

/// <summary>What the story index keeps of one article: enough to compare a later copy with it and to name it.</summary>
public sealed record StoryArticle
{
    public required string ArticleId { get; init; }

    /// <summary>When it reached the index; with the id, orders the copies of a story (the earliest is the story).</summary>
    public required DateTimeOffset UploadedAt { get; init; }

    public required StorySignature Signature { get; init; }

    public string? Outlet { get; init; }

    /// <summary>The rules (catalogue and subscribers' queries) the article met.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>True when this copy comes before <paramref name="other"/>: earlier upload time, then smaller id.</summary>
    public bool Precedes(StoryArticle other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return UploadedAt < other.UploadedAt || (UploadedAt == other.UploadedAt && string.CompareOrdinal(ArticleId, other.ArticleId) < 0);
    }
}
