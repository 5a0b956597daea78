using System.Collections.Concurrent;
using Alerts.Analysis;
using Alerts.Rules;
using Alerts.Storage;

namespace Alerts.Digests;

/// <summary>
/// The reads a digest batch shares: a rule's matches of one window and an article's analysis are fetched once per
/// batch however many of its subscribers need them. Bounded: past <c>capacity</c> entries, reads go straight to the
/// store. Lives for one batch only, so nothing stale outlives it. Writes are not cached.
/// </summary>
public sealed class BatchReadCache(IAnalysisStore store, int capacity) : IAnalysisStore
{
    private readonly ConcurrentDictionary<(string Rule, DateTimeOffset Start, DateTimeOffset End), Lazy<Task<IReadOnlyList<RuleMatchRef>>>> _matches = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<ArticleAnalysis?>>> _analyses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<RuleMatch>>>> _queryMatches = new(StringComparer.Ordinal);
    private int _entries;

    public Task<ArticleAnalysis?> GetAnalysisAsync(string articleId, CancellationToken cancellationToken) =>
        Cached(_analyses, articleId, () => store.GetAnalysisAsync(articleId, CancellationToken.None), cancellationToken);

    public Task<IReadOnlyList<RuleMatch>> GetQueryMatchesAsync(string articleId, CancellationToken cancellationToken) =>
        Cached(_queryMatches, articleId, () => store.GetQueryMatchesAsync(articleId, CancellationToken.None), cancellationToken);

    public Task<IReadOnlyList<RuleMatchRef>> GetRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken) =>
        Cached(_matches, (ruleId, windowStart, windowEnd), () => store.GetRuleMatchesAsync(ruleId, windowStart, windowEnd, CancellationToken.None), cancellationToken);

    public Task<bool> TryAddAnalysisAsync(ArticleAnalysis analysis, CancellationToken cancellationToken) => store.TryAddAnalysisAsync(analysis, cancellationToken);

    public Task<IReadOnlyList<RuleMatch>> AddMatchesAsync(ArticleAnalysis analysis, CancellationToken cancellationToken) => store.AddMatchesAsync(analysis, cancellationToken);

    public Task<UploadRecord?> GetUploadAsync(string name, CancellationToken cancellationToken) => store.GetUploadAsync(name, cancellationToken);

    public Task SetUploadAsync(UploadRecord record, CancellationToken cancellationToken) => store.SetUploadAsync(record, cancellationToken);

    private async Task<T> Cached<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> cache, TKey key, Func<Task<T>> read, CancellationToken cancellationToken)
        where TKey : notnull
    {
        if (!cache.TryGetValue(key, out var entry))
        {
            if (Interlocked.Increment(ref _entries) > capacity)
            {
                Interlocked.Decrement(ref _entries);
                return await read().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            entry = cache.GetOrAdd(key, _ => new Lazy<Task<T>>(read));
        }
        try
        {
            // The shared read is not cancelled by one caller's token: other subscribers of the batch may wait on it.
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            // A failed read is not remembered: the next subscriber tries again.
            cache.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, entry));
            throw;
        }
    }
}
