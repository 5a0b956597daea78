using System.Globalization;
using Alerts.Outcomes;
using Alerts.Rules;
using Alerts.Subscriptions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Alerts.Storage;

/// <summary>
/// Reads results back from the tables and blobs the pipeline writes: uploads from the newest-first index rows of the
/// <c>articles</c> table (<see cref="UploadRows"/>), a rule's matches from <c>rulematches</c> (with the article's title
/// and severity from its <c>matches</c> row), article ids from the <c>analyses</c> container. Every request reads a
/// bounded number of rows.
/// </summary>
public sealed class AzureResultsReader(BlobServiceClient blobs, TableServiceClient tables) : IResultsReader
{
    /// <summary>Rows one filtered upload listing reads at most; past it the page may be short and ends with a token.</summary>
    internal const int MaxScannedRows = 2_000;

    private const int ParallelReads = 8;

    private readonly BlobContainerClient _analyses = blobs.GetBlobContainerClient(StorageNames.AnalysesContainer);
    private readonly TableClient _uploads = tables.GetTableClient(StorageNames.ArticlesTable);
    private readonly TableClient _matches = tables.GetTableClient(StorageNames.MatchesTable);
    private readonly TableClient _ruleMatches = tables.GetTableClient(StorageNames.RuleMatchesTable);
    private readonly StorageInitializer _init = new(blobs, tables,
        [StorageNames.AnalysesContainer],
        [StorageNames.ArticlesTable, StorageNames.MatchesTable, StorageNames.RuleMatchesTable]);

    public async Task<ResultsPage<UploadRecord>> ListUploadsAsync(UploadStatus? status, int limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var after = continuation is null ? null
            : PageTokens.Decode(continuation, k => k.StartsWith(UploadRows.IndexPrefix, StringComparison.Ordinal) && string.CompareOrdinal(k, UploadRows.IndexEnd) < 0);
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {TableKeys.Quote(UploadRows.Partition)} and RowKey {(after is null ? "ge" : "gt")} {TableKeys.Quote(after ?? UploadRows.IndexPrefix)} and RowKey lt {TableKeys.Quote(UploadRows.IndexEnd)}";
        var found = new List<(string Key, UploadRecord Record)>();
        string? lastScanned = null;
        var scanned = 0;
        // The status filter is applied here, not by the service: then every row read moves the token on, and a page
        // that found few matching uploads in MaxScannedRows still ends where the next one starts.
        await foreach (var row in _uploads.QueryAsync<TableEntity>(filter, maxPerPage: status is null ? limit + 1 : 500, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            scanned++;
            lastScanned = row.RowKey;
            var record = UploadRows.Read(row);
            if (status is null || record.Status == status)
            {
                found.Add((row.RowKey, record));
                if (found.Count > limit)
                {
                    break;
                }
            }
            if (scanned >= MaxScannedRows)
            {
                break;
            }
        }
        if (found.Count > limit)
        {
            found.RemoveAt(limit);
            return new([.. found.Select(f => f.Record)], PageTokens.Encode(found[^1].Key));
        }
        return new([.. found.Select(f => f.Record)], scanned >= MaxScannedRows ? PageTokens.Encode(lastScanned!) : null);
    }

    public async Task<IReadOnlyList<string>> FindArticleIdsAsync(string prefix, int max, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        await foreach (var blob in _analyses.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(blob.Name.EndsWith(".json", StringComparison.Ordinal) ? blob.Name[..^5] : blob.Name);
            if (ids.Count >= max)
            {
                break;
            }
        }
        return ids;
    }

    /// <summary>
    /// The index is in ascending time order, so the window is read backwards in slices (an hour, then four times longer
    /// each time) until one more match than the page holds is found: a page reads about what it shows, however long
    /// the window. The token is the key of the page's last (oldest) match, the next page's exclusive upper bound.
    /// </summary>
    public async Task<ResultsPage<RuleMatchEntry>> ListRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, int limit, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (QueryRuleIds.IsQueryRule(ruleId))
        {
            // Subscribers' queries are indexed apart and never listed.
            throw new ArgumentException("Only catalogue rules' matches are listed.", nameof(ruleId));
        }
        var lower = TicksKey(windowStart.UtcTicks);
        var upper = TicksKey(windowEnd.UtcTicks);
        if (continuation is not null)
        {
            var after = PageTokens.Decode(continuation, IsRuleMatchKey);
            upper = string.CompareOrdinal(after, upper) < 0 ? after : upper;
        }
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<(string Key, string ArticleId, DateTimeOffset MatchedAt)>();
        var sliceEnd = upper;
        var span = TimeSpan.TicksPerHour;
        while (found.Count <= limit && string.CompareOrdinal(sliceEnd, lower) > 0)
        {
            var endTicks = long.Parse(sliceEnd.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture);
            var sliceStart = TicksKey(Math.Max(windowStart.UtcTicks, endTicks - Math.Min(span, endTicks)));
            var filter = $"PartitionKey eq {TableKeys.Quote(ruleId)} and RowKey ge {TableKeys.Quote(sliceStart)} and RowKey lt {TableKeys.Quote(sliceEnd)}";
            var slice = new List<(string, string, DateTimeOffset)>();
            await foreach (var row in _ruleMatches.QueryAsync<TableEntity>(filter, select: ["RowKey", "ArticleId", "MatchedAt"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                slice.Add((row.RowKey, row.GetString("ArticleId") ?? "", row.GetDateTimeOffset("MatchedAt") ?? windowStart));
            }
            found.AddRange(slice.OrderByDescending(s => s.Item1, StringComparer.Ordinal));
            sliceEnd = sliceStart;
            span = span > long.MaxValue / 8 ? span : span * 4;
        }
        var page = found.Take(limit).ToList();
        var entries = new RuleMatchEntry[page.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, page.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (_, articleId, matchedAt) = page[i];
            var row = await _matches.GetEntityIfExistsAsync<TableEntity>(articleId, ruleId, ["ArticleTitle", "Source", "Severity"], ct).ConfigureAwait(false);
            var match = row.HasValue ? row.Value : null;
            entries[i] = new RuleMatchEntry(ruleId, articleId, matchedAt, match?.GetString("ArticleTitle"), match?.GetString("Source"),
                Enum.TryParse<Severity>(match?.GetString("Severity"), ignoreCase: true, out var severity) ? severity : null);
        }).ConfigureAwait(false);
        return new(entries, found.Count > limit ? PageTokens.Encode(page[^1].Key) : null);
    }

    /// <summary>The key <c>AzureAnalysisStore</c> gives a rule match: UTC ticks, zero-padded, '_', the article id.</summary>
    private static string TicksKey(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture) + "_";

    private static bool IsRuleMatchKey(string key) =>
        key.Length > 20 && key.Length <= 1024 && key[19] == '_' && key.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0;
}
