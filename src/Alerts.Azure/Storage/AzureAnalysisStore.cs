using System.Text.Json;
using Alerts.Analysis;
using Alerts.Rules;
using Alerts.Subscriptions;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.Storage;

/// <summary>
/// Keeps analyses as blobs (<c>analyses/{articleId}.json</c>) and statuses and matches as table rows.
/// Matches of subscribers' own queries go apart: <c>querymatches/{articleId}.json</c> and the <c>querymatches</c>
/// table, so the shared analysis and match rows never hold them. Keys are deterministic, so processing the same upload
/// twice writes the same rows.
/// </summary>
public sealed class AzureAnalysisStore(BlobServiceClient blobs, TableServiceClient tables) : IAnalysisStore
{
    private readonly BlobContainerClient _analyses = blobs.GetBlobContainerClient(StorageNames.AnalysesContainer);
    private readonly TableClient _uploads = tables.GetTableClient(StorageNames.ArticlesTable);
    private readonly TableClient _matches = tables.GetTableClient(StorageNames.MatchesTable);
    private readonly TableClient _ruleMatches = tables.GetTableClient(StorageNames.RuleMatchesTable);
    private readonly BlobContainerClient _queryMatchBlobs = blobs.GetBlobContainerClient(StorageNames.QueryMatchesContainer);
    private readonly TableClient _queryMatches = tables.GetTableClient(StorageNames.QueryMatchesTable);
    private readonly StorageInitializer _init = new(blobs, tables,
        [StorageNames.ArticlesContainer, StorageNames.AnalysesContainer, StorageNames.QueryMatchesContainer],
        [StorageNames.ArticlesTable, StorageNames.MatchesTable, StorageNames.RuleMatchesTable, StorageNames.QueryMatchesTable]);

    public async Task<ArticleAnalysis?> GetAnalysisAsync(string articleId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await _analyses.GetBlobClient(BlobName(articleId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return AlertsJson.Deserialize(content.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<RuleMatch>> GetQueryMatchesAsync(string articleId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await _queryMatchBlobs.GetBlobClient(BlobName(articleId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<RuleMatch[]>(content.Value.Content.ToMemory().Span, AlertsJson.Options) ?? [];
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    public Task<bool> TryAddAnalysisAsync(ArticleAnalysis analysis, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => TryAddAnalysisOnceAsync(analysis, ct), cancellationToken);

    private async Task<bool> TryAddAnalysisOnceAsync(ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        // The query matches first: an analysis that is stored always has them stored too. Of two racing runs the
        // first writes both; the second's are the same story's and are dropped.
        if (analysis.QueryMatches.Count > 0)
        {
            await TryUploadAsync(_queryMatchBlobs.GetBlobClient(BlobName(analysis.Article.Id)),
                BinaryData.FromString(JsonSerializer.Serialize(analysis.QueryMatches, AlertsJson.Options)), cancellationToken).ConfigureAwait(false);
        }
        return await TryUploadAsync(_analyses.GetBlobClient(BlobName(analysis.Article.Id)), BinaryData.FromString(AlertsJson.Serialize(analysis)), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> TryUploadAsync(BlobClient blob, BinaryData content, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            // If-None-Match: * makes the first writer win when two uploads of one story race.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
        };
        try
        {
            await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    public Task<IReadOnlyList<RuleMatch>> AddMatchesAsync(ArticleAnalysis analysis, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => AddMatchesOnceAsync(analysis, ct), cancellationToken);

    private async Task<IReadOnlyList<RuleMatch>> AddMatchesOnceAsync(ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        // The index rows first and always (upserts of the same values), each in its rule's partition, at once: a run
        // that died before the match rows leaves no match that digests cannot find.
        await Task.WhenAll(analysis.Matches.Select(m => _ruleMatches.UpsertEntityAsync(IndexRow(m, analysis), TableUpdateMode.Replace, cancellationToken))
            .Concat(analysis.QueryMatches.Select(m => _queryMatches.UpsertEntityAsync(IndexRow(m, analysis), TableUpdateMode.Replace, cancellationToken))))
            .ConfigureAwait(false);
        // Only the index row for a query match: the owner's digest reads the match itself from the query-match blob.
        var added = new List<RuleMatch>();
        foreach (var chunk in analysis.Matches.Chunk(MaxTransactionActions))
        {
            added.AddRange(await AddNewAsync(chunk, analysis, cancellationToken).ConfigureAwait(false));
        }
        return added;
    }

    /// <summary>
    /// The match rows of one article share its partition: one transaction adds them all when none is stored yet (the
    /// first run for the article). If one is already stored (a repeat), each is added alone to learn which are new.
    /// </summary>
    private async Task<IEnumerable<RuleMatch>> AddNewAsync(RuleMatch[] matches, ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        try
        {
            await _matches.SubmitTransactionAsync(matches.Select(m => new TableTransactionAction(TableTransactionActionType.Add, MatchRow(m, analysis))), cancellationToken).ConfigureAwait(false);
            return matches;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // One of them is stored already; the transaction wrote nothing.
        }
        var added = new List<RuleMatch>();
        foreach (var match in matches)
        {
            try
            {
                await _matches.AddEntityAsync(MatchRow(match, analysis), cancellationToken).ConfigureAwait(false);
                added.Add(match);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Stored by an earlier run for this article: not new.
            }
        }
        return added;
    }

    private static TableEntity MatchRow(RuleMatch match, ArticleAnalysis analysis) => new(analysis.Article.Id, match.Rule)
    {
        ["RuleTitle"] = match.Title,
        ["Severity"] = match.Severity.ToString(),
        ["Score"] = match.Score,
        ["ArticleTitle"] = analysis.Article.Title,
        ["Source"] = analysis.Article.Source,
        ["Url"] = analysis.Article.Url?.ToString(),
        ["Snippet"] = match.Snippets.Count > 0 ? Truncate(match.Snippets[0].Marked, 4000) : null,
        ["MatchedAt"] = analysis.AnalyzedAt,
    };

    private static TableEntity IndexRow(RuleMatch match, ArticleAnalysis analysis) => new(match.Rule, RuleMatchKey(analysis.AnalyzedAt, analysis.Article.Id))
    {
        ["ArticleId"] = analysis.Article.Id,
        ["MatchedAt"] = analysis.AnalyzedAt,
    };

    public async Task<IReadOnlyList<RuleMatchRef>> GetRuleMatchesAsync(string ruleId, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {TableKeys.Quote(ruleId)} and RowKey ge {TableKeys.Quote(RuleMatchKey(windowStart, ""))} and RowKey lt {TableKeys.Quote(RuleMatchKey(windowEnd, ""))}";
        var refs = new List<RuleMatchRef>();
        var index = QueryRuleIds.IsQueryRule(ruleId) ? _queryMatches : _ruleMatches;
        await foreach (var row in index.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            refs.Add(new RuleMatchRef(ruleId, row.GetString("ArticleId") ?? "", row.GetDateTimeOffset("MatchedAt") ?? windowStart));
        }
        return refs;
    }

    public async Task<UploadRecord?> GetUploadAsync(string name, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var response = await _uploads.GetEntityIfExistsAsync<TableEntity>(UploadRows.Partition, TableKeys.Escape(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value is { } e ? UploadRows.Read(e, name) : null;
    }

    /// <summary>
    /// Writes the status row and its newest-first index row (<see cref="UploadRows"/>) in one transaction, dropping the
    /// index row of the status it replaces. Conditional on the row read first: of two runs racing on one blob, the
    /// loser reads again and writes over the winner, and either way one index row is left.
    /// </summary>
    public Task SetUploadAsync(UploadRecord record, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => SetUploadOnceAsync(record, ct), cancellationToken);

    private async Task SetUploadOnceAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var rowKey = TableKeys.Escape(record.Name);
        var indexKey = UploadRows.IndexKey(record.Time, rowKey);
        var dropOldIndex = true;
        for (var attempt = 1; ; attempt++)
        {
            var current = await _uploads.GetEntityIfExistsAsync<TableEntity>(UploadRows.Partition, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = current.HasValue ? current.Value : null;
            var status = UploadRows.Entity(record, rowKey);
            status[UploadRows.IndexKeyColumn] = indexKey;
            var index = UploadRows.Entity(record, indexKey);
            List<TableTransactionAction> actions =
            [
                existing is null
                    ? new(TableTransactionActionType.Add, status)
                    : new(TableTransactionActionType.UpdateReplace, status, existing.ETag),
                new(TableTransactionActionType.UpsertReplace, index),
            ];
            if (dropOldIndex && existing?.GetString(UploadRows.IndexKeyColumn) is { } oldIndex && oldIndex != indexKey)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(UploadRows.Partition, oldIndex), ETag.All));
            }
            try
            {
                await _uploads.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (attempt < 5 && (ex.Status is 409 or 412 || (ex.Status == 404 && ex.FailedTransactionActionIndex == 2)))
            {
                // 409/412: another run wrote the row since it was read; read again. 404: the old index row is gone (a
                // missing table is left to the initializer, which creates it again).
                dropOldIndex &= ex.Status != 404;
            }
        }
    }

    /// <summary>Sortable by time: UTC ticks, zero-padded, then the article id.</summary>
    private static string RuleMatchKey(DateTimeOffset at, string articleId) =>
        at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_" + articleId;

    private static string BlobName(string articleId) => articleId + ".json";

    /// <summary>Table storage's limit on the actions of one transaction.</summary>
    private const int MaxTransactionActions = 100;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
