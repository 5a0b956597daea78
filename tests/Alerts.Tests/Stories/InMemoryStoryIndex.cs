using System.Collections.Concurrent;
using Alerts.Stories;

namespace Alerts.Tests.Stories;

/// <summary>The story index in memory, with the table's semantics: idempotent writes, the first article row stands.</summary>
internal sealed class InMemoryStoryIndex(TimeProvider time) : IStoryIndex
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, DateTimeOffset>> _buckets = new();
    private readonly ConcurrentDictionary<string, StoryArticle> _articles = new();

    public int BucketReads { get; private set; }

    public Task AddToBucketsAsync(string articleId, IReadOnlyList<string> bucketKeys, CancellationToken cancellationToken)
    {
        foreach (var key in bucketKeys)
        {
            _buckets.GetOrAdd(key, _ => new())[articleId] = time.GetUtcNow();
        }
        return Task.CompletedTask;
    }

    public Task<StoryArticle> AddArticleAsync(StoryArticle article, CancellationToken cancellationToken) =>
        Task.FromResult(_articles.GetOrAdd(article.ArticleId, article));

    public Task<IReadOnlyCollection<string>> FindAsync(IReadOnlyList<string> bucketKeys, DateTimeOffset since, CancellationToken cancellationToken)
    {
        BucketReads += bucketKeys.Count;
        IReadOnlyCollection<string> found = [.. bucketKeys
            .SelectMany(k => _buckets.TryGetValue(k, out var rows) ? rows.Where(r => r.Value >= since).Select(r => r.Key) : [])
            .Distinct(StringComparer.Ordinal)];
        return Task.FromResult(found);
    }

    public Task<StoryArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken) =>
        Task.FromResult(_articles.TryGetValue(articleId, out var a) ? a : null);
}
