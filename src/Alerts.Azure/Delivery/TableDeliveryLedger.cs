using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Alerts.Analysis;
using Alerts.Digests;
using Alerts.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Alerts.Delivery;

/// <summary>
/// The ledger in the <c>deliveries</c> table (PartitionKey the subscription id, RowKey newest-first window end and digest id)
/// with each digest's content in <c>digests/{subscriptionId}/{digestId}.json</c>.
/// </summary>
public sealed class TableDeliveryLedger(BlobServiceClient blobs, TableServiceClient tables) : IDeliveryLedger
{
    private readonly TableClient _table = tables.GetTableClient(StorageNames.DeliveriesTable);
    private readonly BlobContainerClient _digests = blobs.GetBlobContainerClient(StorageNames.DigestsContainer);
    private readonly StorageInitializer _init = new(blobs, tables, [StorageNames.DigestsContainer], [StorageNames.DeliveriesTable]);

    public async Task<bool> TryAddAsync(Digest digest, CancellationToken cancellationToken) =>
        await AddAsync(digest, cancellationToken).ConfigureAwait(false) is not null;

    public Task<DeliveryRecord?> AddAsync(Digest digest, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => AddOnceAsync(digest, ct), cancellationToken);

    private async Task<DeliveryRecord?> AddOnceAsync(Digest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        // Content first, and only if there is none: a row never exists without the digest it promises, and the content
        // of a row that exists is never replaced (every retry sends the same thing). Content without a row is what a
        // writer that died in between left: it is replaced, then the row insert decides who added the digest.
        var blob = _digests.GetBlobClient(PayloadName(digest.SubscriptionId, digest.Id));
        var content = BinaryData.FromString(JsonSerializer.Serialize(digest, AlertsJson.Options));
        var headers = new BlobHttpHeaders { ContentType = "application/json" };
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = headers, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            if (await GetAsync(digest.SubscriptionId, digest.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return null;
            }
            await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = headers }, cancellationToken).ConfigureAwait(false);
        }
        var record = new DeliveryRecord
        {
            SubscriptionId = digest.SubscriptionId,
            DigestId = digest.Id,
            Kind = digest.Kind,
            WindowStart = digest.WindowStart,
            WindowEnd = digest.WindowEnd,
            State = DeliveryState.Pending,
            CreatedAt = digest.CreatedAt,
            ArticleCount = digest.Articles.Count + digest.MoreArticles,
        };
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<DeliveryRecord?> GetAsync(string subscriptionId, string digestId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {TableKeys.Quote(subscriptionId)} and DigestId eq {TableKeys.Quote(digestId)}";
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(entity);
        }
        return null;
    }

    public Task<DeliveryRecord?> TryReplaceAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => TryReplaceOnceAsync(record, ct), cancellationToken);

    private async Task<DeliveryRecord?> TryReplaceOnceAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(record), new ETag(record.ETag ?? throw new ArgumentException("The record has no ETag.", nameof(record))),
                TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return record with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 412 || (ex.Status == 404 && !StorageInitializer.IsMissingResource(ex)))
        {
            return null;
        }
    }

    public async Task<Digest?> GetDigestAsync(string subscriptionId, string digestId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await _digests.GetBlobClient(PayloadName(subscriptionId, digestId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<Digest>(content.Value.Content.ToMemory().Span, AlertsJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<DeliveryRecord> ListOutstandingAsync(string subscriptionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {TableKeys.Quote(subscriptionId)} and (State eq '{StoredValue.Of(DeliveryState.Pending)}' or State eq '{StoredValue.Of(DeliveryState.Sending)}')";
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<OpenDeliveries> ReadOpenAsync(string subscriptionId, DateTimeOffset? sentAfter, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        // Sent rows only past the watermark: a long-lived subscription's history is not read every run.
        var sent = $"State eq '{StoredValue.Of(DeliveryState.Sent)}' and Kind eq '{StoredValue.Of(DigestKind.Scheduled)}'"
            + (sentAfter is { } after ? " and " + TableClient.CreateQueryFilter($"WindowEnd gt {after}") : "");
        var filter = $"PartitionKey eq {TableKeys.Quote(subscriptionId)} and (State eq '{StoredValue.Of(DeliveryState.Pending)}' or State eq '{StoredValue.Of(DeliveryState.Sending)}' or ({sent}))";
        var outstanding = new List<DeliveryRecord>();
        DeliveryRecord? latest = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = FromEntity(entity);
            if (record.State == DeliveryState.Sent)
            {
                // Rows come newest first by key, so the first sent one is the latest.
                latest ??= record;
            }
            else
            {
                outstanding.Add(record);
            }
        }
        return new OpenDeliveries(outstanding, latest);
    }

    public async Task<DeliveryRecord?> GetLatestSentScheduledAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {TableKeys.Quote(subscriptionId)} and State eq '{StoredValue.Of(DeliveryState.Sent)}' and Kind eq '{StoredValue.Of(DigestKind.Scheduled)}'";
        // Rows are newest-first by key, so the first one found is the latest.
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return FromEntity(entity);
        }
        return null;
    }

    public async IAsyncEnumerable<DeliveryRecord> ListByStateAsync(DeliveryState? state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var filter = state is null ? null : $"State eq {TableKeys.Quote(StoredValue.Of(state.Value))}";
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static string PayloadName(string subscriptionId, string digestId) => $"{subscriptionId}/{digestId}.json";

    /// <summary>Newest first: inverted ticks of the window end, then the digest id.</summary>
    private static string RowKey(DeliveryRecord r) =>
        (DateTimeOffset.MaxValue.UtcTicks - r.WindowEnd.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + r.DigestId;

    private static TableEntity ToEntity(DeliveryRecord r) => new(r.SubscriptionId, RowKey(r))
    {
        ["DigestId"] = r.DigestId,
        ["Kind"] = StoredValue.Of(r.Kind),
        ["WindowStart"] = r.WindowStart,
        ["WindowEnd"] = r.WindowEnd,
        ["State"] = StoredValue.Of(r.State),
        ["Attempts"] = r.Attempts,
        ["NextAttemptAt"] = r.NextAttemptAt,
        ["ClaimedUntil"] = r.ClaimedUntil,
        ["LastError"] = r.LastError is { Length: > 2000 } e ? e[..2000] : r.LastError,
        ["CreatedAt"] = r.CreatedAt,
        ["SentAt"] = r.SentAt,
        ["ArticleCount"] = r.ArticleCount,
    };

    private static DeliveryRecord FromEntity(TableEntity e) => new()
    {
        SubscriptionId = e.PartitionKey,
        DigestId = e.GetString("DigestId") ?? "",
        Kind = e.GetString("Kind") is { } kind ? StoredValue.Parse<DigestKind>(kind) : DigestKind.Scheduled,
        WindowStart = e.GetDateTimeOffset("WindowStart") ?? default,
        WindowEnd = e.GetDateTimeOffset("WindowEnd") ?? default,
        State = e.GetString("State") is { } state ? StoredValue.Parse<DeliveryState>(state) : DeliveryState.Pending,
        Attempts = e.GetInt32("Attempts") ?? 0,
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt"),
        ClaimedUntil = e.GetDateTimeOffset("ClaimedUntil"),
        LastError = e.GetString("LastError"),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
        SentAt = e.GetDateTimeOffset("SentAt"),
        ArticleCount = e.GetInt32("ArticleCount") ?? 0,
        ETag = e.ETag.ToString(),
    };
}
