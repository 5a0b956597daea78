namespace Alerts.Storage;

/// <summary>The status row of one uploaded blob in the <c>articles</c> table.</summary>
public sealed record UploadRecord
{
    public required string Name { get; init; }
    public required UploadStatus Status { get; init; }
    public string? ArticleId { get; init; }
    public string? Title { get; init; }

    /// <summary>For <see cref="UploadStatus.Failed"/>: a stable code (see <c>ArticleParseReasons</c>) and a sentence for people.</summary>
    public string? Reason { get; init; }
    public string? Message { get; init; }

    public int MatchCount { get; init; }
    public string? Extractor { get; init; }
    public required DateTimeOffset Time { get; init; }
}
