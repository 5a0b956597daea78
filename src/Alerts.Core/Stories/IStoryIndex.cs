namespace Alerts.Stories;

/// <summary>
/// Articles by LSH bucket key, for finding the copies of a story. Lookup reads one bucket per band, so its cost does
/// not grow with the number of stories kept. Every write is idempotent.
/// </summary>
public interface IStoryIndex
{
    /// <summary>Puts <paramref name="articleId"/> in each of its buckets.</summary>
    Task AddToBucketsAsync(string articleId, IReadOnlyList<string> bucketKeys, CancellationToken cancellationToken);

    /// <summary>Stores the article unless it is stored already; returns the stored one (the first upload time stands).</summary>
    Task<StoryArticle> AddArticleAsync(StoryArticle article, CancellationToken cancellationToken);

    /// <summary>The ids of the articles put in any of <paramref name="bucketKeys"/> since <paramref name="since"/>.</summary>
    Task<IReadOnlyCollection<string>> FindAsync(IReadOnlyList<string> bucketKeys, DateTimeOffset since, CancellationToken cancellationToken);

    Task<StoryArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes bucket rows added, and article rows uploaded, before <paramref name="before"/>, at most
    /// <paramref name="maxRows"/> of them. A row rewritten since it was read, or deleted by another run, is left alone
    /// and not counted, so two runs at once delete each row once between them.
    /// </summary>
    Task<StoryIndexPruned> PruneAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken);
}
