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
/// story window are skipped by the lookup's filter.
/// </summary>
public sealed class TableStoryIndex(BlobServiceClient blobs, TableServiceClient tables, TimeProvider time) : IStoryIndex
{
    private const string ArticleRow = "article";
    private const int Parallelism = 8;

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
                var filter = $"PartitionKey eq {TableKeys.Quote(BucketPartition(key))} and AddedAt ge datetime'{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'";
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
