namespace Alerts.Articles;

/// <summary>A news article as parsed from an upload: metadata plus a body free of trailer and boilerplate.</summary>
public sealed record Article
{
    /// <summary>SHA-256 (hex) of the normalised body: the same story uploaded under another name has the same id.</summary>
    public required string Id { get; init; }

    /// <summary>The name the file was uploaded under (blob name or file name).</summary>
    public required string Name { get; init; }

    public required ArticleFormat Format { get; init; }

    public string? Title { get; init; }

    /// <summary>The outlet or agency that published the story (e.g. "RFE/RL", "Reuters").</summary>
    public string? Source { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public Uri? Url { get; init; }

    /// <summary>Reporting credits from the trailer, e.g. "AFP", "AP", "Reuters" from "With reporting by AFP, AP, and Reuters".</summary>
    public IReadOnlyList<string> Credits { get; init; } = [];

    /// <summary>Body paragraphs separated by blank lines, without byline, trailer or site boilerplate.</summary>
    public required string Body { get; init; }

    /// <summary>The language of the body as an ISO 639-1 code.</summary>
    public string Language { get; init; } = "en";
}
