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

    public Task<StoryIndexPruned> PruneAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
    {
        int buckets = 0, articles = 0;
        foreach (var (_, rows) in _buckets)
        {
            foreach (var row in rows.Where(r => r.Value < before).ToList())
            {
                if (buckets == maxRows)
                {
                    return Task.FromResult(new StoryIndexPruned(buckets, 0, false));
                }
                buckets += rows.TryRemove(row) ? 1 : 0;
            }
        }
        foreach (var article in _articles.Values.Where(a => a.UploadedAt < before).ToList())
        {
            if (buckets + articles == maxRows)
            {
                return Task.FromResult(new StoryIndexPruned(buckets, articles, false));
            }
            articles += _articles.TryRemove(KeyValuePair.Create(article.ArticleId, article)) ? 1 : 0;
        }
        return Task.FromResult(new StoryIndexPruned(buckets, articles, true));
    }
}
