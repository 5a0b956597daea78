using System.Runtime.CompilerServices;
using Alerts.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Alerts.Subscriptions;

/// <summary>
/// The subscription index in the <c>subscriptionindex</c> table: PartitionKey the rule id (a catalogue rule, or a
/// query's opaque <c>q_</c> id), RowKey <c>i_</c> or <c>s_</c> (immediate or scheduled) and the subscription id, so
/// one range query reads a rule's immediate subscribers. The row holds nothing else: no address, no query.
/// </summary>
public sealed class TableSubscriptionIndex(BlobServiceClient blobs, TableServiceClient tables) : ISubscriptionIndex
{
    private const string ImmediatePrefix = "i_";
    private const string ScheduledPrefix = "s_";
    // Rule ids are letters, digits, hyphens and q_: this partition is nobody's rule.
    private const string MetaPartition = "_index";
    private const string CompleteRow = "complete";
    private const int TransactionLimit = 100;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubscriptionIndexTable);
    private readonly StorageInitializer _init = new(blobs, tables, [], [StorageNames.SubscriptionIndexTable]);
    private volatile bool _complete;

    public async Task AddAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(entries, e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e)), cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(IReadOnlyCollection<SubscriptionIndexEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        // One by one: a delete of a missing row fails a whole transaction, and removals are rare.
        foreach (var entry in entries)
        {
            await _table.DeleteEntityAsync(entry.RuleId, RowKey(entry), ETag.All, cancellationToken).ConfigureAwait(false);
        }
    }

    public async IAsyncEnumerable<SubscriptionIndexEntry> ListAsync(string ruleId, bool immediate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var prefix = immediate ? ImmediatePrefix : ScheduledPrefix;
        // '`' follows '_': the range is exactly the rows starting with the prefix.
        var end = prefix[..^1] + "`";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ruleId} and RowKey ge {prefix} and RowKey lt {end}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    public async IAsyncEnumerable<SubscriptionIndexEntry> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.PartitionKey != MetaPartition)
            {
                yield return FromEntity(entity);
            }
        }
    }

    public async Task<bool> IsCompleteAsync(CancellationToken cancellationToken)
    {
        if (_complete)
        {
            return true;
        }
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(MetaPartition, CompleteRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        // Once complete, always complete: writers keep it so, and the repair mends what a crash left.
        return _complete = row.HasValue;
    }

    public async Task MarkCompleteAsync(CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertEntityAsync(new TableEntity(MetaPartition, CompleteRow) { ["At"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _complete = true;
    }

    private async Task WriteAsync(IEnumerable<SubscriptionIndexEntry> entries, Func<SubscriptionIndexEntry, TableTransactionAction> action, CancellationToken cancellationToken)
    {
        // A transaction holds one partition (one rule) and at most 100 rows.
        foreach (var rule in entries.GroupBy(e => e.RuleId, StringComparer.Ordinal))
        {
            foreach (var chunk in rule.Chunk(TransactionLimit))
            {
                if (chunk.Length == 1)
                {
                    await _table.UpsertEntityAsync(ToEntity(chunk[0]), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _table.SubmitTransactionAsync(chunk.Select(action), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static string RowKey(SubscriptionIndexEntry e) => (e.Immediate ? ImmediatePrefix : ScheduledPrefix) + e.SubscriptionId;

    private static TableEntity ToEntity(SubscriptionIndexEntry e) => new(e.RuleId, RowKey(e));

    private static SubscriptionIndexEntry FromEntity(TableEntity e) =>
        new(e.PartitionKey, e.RowKey.StartsWith(ImmediatePrefix, StringComparison.Ordinal), e.RowKey[ImmediatePrefix.Length..]);
}
