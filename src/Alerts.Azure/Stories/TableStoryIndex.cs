using System.Globalization;
using Alerts.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Alerts.Stories;

/// <summary>
/// <see cref="IStoryIndex"/> in the <c>storybuckets</c> table. A bucket is a partition (<c>b-{key}</c>) with a row per
/// article put in it, so a lookup is one partition query per band whatever the table holds; an article's signature,
/// upload time, outlet and rules are one row in a partition of its own (<c>a-{articleId}</c>). Rows older than the
/// story window are skipped by the lookup's filter and deleted by <see cref="PruneAsync"/>.
/// </summary>
public sealed class TableStoryIndex(BlobServiceClient blobs, TableServiceClient tables, TimeProvider time) : IStoryIndex
{
    private const string ArticleRow = "article";
    private const int Parallelism = 8;

    // An entity-group transaction holds at most 100 operations, all in one partition.
    private const int MaxBatch = 100;
    private const int PageSize = 1_000;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.StoryBucketsTable);
    private readonly StorageInitializer _init = new(blobs, tables, [], [StorageNames.StoryBucketsTable]);

    public Task AddToBucketsAsync(string articleId, IReadOnlyList<string> bucketKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucketKeys);
        var addedAt = time.GetUtcNow();
        return _init.RunAsync(ct => Parallel.ForEachAsync(bucketKeys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (key, token) => await _table.UpsertEntityAsync(new TableEntity(BucketPartition(key), articleId) { ["AddedAt"] = addedAt }, TableUpdateMode.Replace, token).ConfigureAwait(false)),
            cancellationToken);
    }

    public Task<StoryArticle> AddArticleAsync(StoryArticle article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        return _init.RunAsync(async ct =>
        {
            try
            {
                await _table.AddEntityAsync(ToEntity(article), ct).ConfigureAwait(false);
                return article;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Stored by an earlier run for the same article: its upload time stands.
                return await GetArticleAsync(article.ArticleId, ct).ConfigureAwait(false) ?? article;
            }
        }, cancellationToken);
    }

    public Task<IReadOnlyCollection<string>> FindAsync(IReadOnlyList<string> bucketKeys, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucketKeys);
        return _init.RunAsync<IReadOnlyCollection<string>>(async ct =>
        {
            var found = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            await Parallel.ForEachAsync(bucketKeys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (key, token) =>
            {
                var filter = $"PartitionKey eq {TableKeys.Quote(BucketPartition(key))} and AddedAt ge datetime'{Literal(since)}'";
                await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: token).ConfigureAwait(false))
                {
                    found.TryAdd(row.RowKey, true);
                }
            }).ConfigureAwait(false);
            return found.Keys.ToList();
        }, cancellationToken);
    }

    public async Task<StoryArticle?> GetArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(ArticlePartition(articleId), ArticleRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } row
            || StorySignature.FromBase64(row.GetString("Signature"), row.GetInt32("ShingleCount") ?? 0) is not { } signature)
        {
            return null;
        }
        return new StoryArticle
        {
            ArticleId = articleId,
            UploadedAt = row.GetInt64("UploadedTicks") is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MinValue,
            Signature = signature,
            Outlet = row.GetString("Outlet"),
            Rules = row.GetString("Rules") is { Length: > 0 } rules ? rules.Split(' ') : [],
        };
    }

    public Task<StoryIndexPruned> PruneAsync(DateTimeOffset before, int maxRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        var cutoff = Literal(before);
        return _init.RunAsync(async ct =>
        {
            // Buckets first: they are most of the rows, and an article row goes only after its buckets have.
            var buckets = await PruneRangeAsync("b-", "b.", "AddedAt", cutoff, maxRows, ct).ConfigureAwait(false);
            var articles = buckets.Complete
                ? await PruneRangeAsync("a-", "a.", "UploadedAt", cutoff, maxRows - buckets.Read, ct).ConfigureAwait(false)
                : new RangePruned(0, 0, false);
            return new StoryIndexPruned(buckets.Deleted, articles.Deleted, buckets.Complete && articles.Complete);
        }, cancellationToken);
    }

    /// <summary>
    /// Scans the partitions from <paramref name="from"/> up to <paramref name="to"/> for rows whose
    /// <paramref name="time"/> is before <paramref name="cutoff"/> (a server-side filter: only those rows come back)
    /// and deletes them page by page, at most <paramref name="maxRows"/>.
    /// </summary>
    private async Task<RangePruned> PruneRangeAsync(string from, string to, string time, string cutoff, int maxRows, CancellationToken cancellationToken)
    {
        if (maxRows <= 0)
        {
            return new RangePruned(0, 0, false);
        }
        var filter = $"PartitionKey ge {TableKeys.Quote(from)} and PartitionKey lt {TableKeys.Quote(to)} and {time} lt datetime'{cutoff}'";
        int read = 0, deleted = 0;
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, PageSize, ["PartitionKey", "RowKey"], cancellationToken).AsPages().ConfigureAwait(false))
        {
            var rows = page.Values.Take(maxRows - read).ToList();
            read += rows.Count;
            // Rows come sorted by partition: each partition's run of rows goes as one transaction per 100.
            var batches = rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxBatch));
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (batch, token) =>
            {
                var count = await DeleteAsync(batch, token).ConfigureAwait(false);
                Interlocked.Add(ref deleted, count);
            }).ConfigureAwait(false);
            if (read == maxRows)
            {
                return new RangePruned(read, deleted, rows.Count == page.Values.Count && page.ContinuationToken is null);
            }
        }
        return new RangePruned(read, deleted, true);
    }

    /// <summary>
    /// Deletes the rows (one partition's) if they are unchanged since the scan read them (their ETag): a row rewritten
    /// since (an article put in its bucket again) is live and stays. Returns how many this call deleted; a row already
    /// gone is not one. A lone row goes as a transaction too: its 404 reliably says "already gone", where the emulator
    /// answers a plain delete of a missing row with success.
    /// </summary>
    private async Task<int> DeleteAsync(TableEntity[] rows, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken).ConfigureAwait(false);
            return rows.Length;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412 && !StorageInitializer.IsMissingResource(ex))
        {
            if (rows.Length == 1)
            {
                // Deleted by another run, or rewritten since the scan: either way not this run's to delete.
                return 0;
            }
            // One row failed, so the transaction did nothing: row by row, to delete the others.
            var deleted = 0;
            foreach (var row in rows)
            {
                deleted += await DeleteAsync([row], cancellationToken).ConfigureAwait(false);
            }
            return deleted;
        }
    }

    private static string Literal(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private readonly record struct RangePruned(int Read, int Deleted, bool Complete);

    private static TableEntity ToEntity(StoryArticle article) => new(ArticlePartition(article.ArticleId), ArticleRow)
    {
        // Exact ticks, not a table DateTime: copies are ordered by this time, and a rounded one could tie or reorder them.
        ["UploadedTicks"] = article.UploadedAt.UtcTicks,
        ["UploadedAt"] = article.UploadedAt,
        ["Signature"] = article.Signature.ToBase64(),
        ["ShingleCount"] = article.Signature.ShingleCount,
        ["Outlet"] = article.Outlet is { Length: > 256 } outlet ? outlet[..256] : article.Outlet,
        // Rule ids hold no spaces (catalogue ids and query ids are both slugs).
        ["Rules"] = string.Join(' ', article.Rules),
    };

    private static string BucketPartition(string key) => "b-" + key;

    private static string ArticlePartition(string articleId) => "a-" + TableKeys.Escape(articleId);
}
