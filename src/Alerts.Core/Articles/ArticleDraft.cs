namespace Alerts.Articles;

/// <summary>What a format reader found before the body is normalised and the article gets its id.</summary>
internal sealed record ArticleDraft
{
    public string? Title { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public Uri? Url { get; init; }
    public IReadOnlyList<string> Credits { get; init; } = [];
    public string Body { get; init; } = "";
}
