namespace Alerts.Feeds;

/// <summary>
/// A subscriber's feed as the writer renders it: every value is plain text (the writer escapes it), ids are stable
/// URIs, and the dates come from the matches, so the same matches always give the same bytes (and the same ETag).
/// </summary>
public sealed record FeedDocument
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The URL the feed was fetched from (its <c>rel="self"</c> link).</summary>
    public required Uri Self { get; init; }

    public required string Author { get; init; }
    public required IReadOnlyList<FeedEntry> Entries { get; init; }
}

/// <summary>One matched article in a feed.</summary>
public sealed record FeedEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }

    /// <summary>The story's source URL (http or https only), or null when the upload had none.</summary>
    public Uri? Link { get; init; }

    /// <summary>When the article was analysed and matched.</summary>
    public required DateTimeOffset Updated { get; init; }

    /// <summary>The story's own publication date, when it has one.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>The sentences that met the rules, as plain text.</summary>
    public required string Summary { get; init; }

    /// <summary>The rules and queries it met: id and title.</summary>
    public required IReadOnlyList<FeedCategory> Categories { get; init; }
}

/// <summary>A rule an entry met: its id (the Atom term) and its title (the label).</summary>
public sealed record FeedCategory(string Term, string Label);
