using System.Runtime.CompilerServices;
using System.Text.Json;
using Alerts.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Alerts.Subscriptions;

/// <summary>Subscriptions in the <c>subscriptions</c> table, one row each (PartitionKey <c>sub</c>, RowKey the id).</summary>
public sealed class TableSubscriptionStore(BlobServiceClient blobs, TableServiceClient tables) : ISubscriptionStore
{
    /// <summary>How many rows a batch's range read may pass per id it looks for before it reads the rest one by one.</summary>
    private const int RangeReadSlack = 4;

    private const string Partition = "sub";
    private const int MaxConflictRetries = 10;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(250);

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubscriptionsTable);
    private readonly StorageInitializer _init = new(blobs, tables, [], [StorageNames.SubscriptionsTable]);

    public Task AddAsync(Subscription subscription, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => AddOnceAsync(subscription, ct), cancellationToken);

    private async Task AddOnceAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await _table.AddEntityAsync(ToEntity(subscription), cancellationToken).ConfigureAwait(false);
    }

    public async Task<Subscription?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await GetEntityAsync(id, cancellationToken).ConfigureAwait(false)) is { } e ? FromEntity(e) : null;

    public Task<Subscription?> UpdateAsync(string id, Func<Subscription, Subscription> change, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => UpdateOnceAsync(id, null, change, ct), cancellationToken);

    public Task<Subscription?> UpdateAsync(Subscription read, Func<Subscription, Subscription> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return _init.RunAsync(ct => UpdateOnceAsync(read.Id, read.ETag is null ? null : read, change, ct), cancellationToken);
    }

    /// <summary>
    /// Read, change, conditional write; on a conflict again from a fresh read. <paramref name="read"/>, when given, is the
    /// first try's copy (with its ETag), so a row nobody wrote since it was read costs one write and no read.
    /// </summary>
    private async Task<Subscription?> UpdateOnceAsync(string id, Subscription? read, Func<Subscription, Subscription> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var current = attempt == 0 && read is not null
                ? read
                : await GetEntityAsync(id, cancellationToken).ConfigureAwait(false) is { } entity ? FromEntity(entity) : null;
            if (current is null)
            {
                return null;
            }
            var changed = change(current);
            // Unsubscribed is final, whoever asks: a late writer that read the row before it was unsubscribed
            // (a PATCH, a delivery outcome) re-runs its change on the fresh row and must not bring it back.
            if (changed == current || (current.Status == SubscriptionStatus.Unsubscribed && changed.Status != SubscriptionStatus.Unsubscribed))
            {
                return current;
            }
            try
            {
                var response = await _table.UpdateEntityAsync(ToEntity(changed), new ETag(current.ETag!), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return changed with { ETag = response.Headers.ETag?.ToString() };
            }
            catch (RequestFailedException ex) when (ex.Status == 412 || (ex.Status == 404 && read is not null && !StorageInitializer.IsMissingResource(ex)))
            {
                // Someone else wrote first (or, for a copy read earlier, removed the row): apply the change to their
                // version, after a random pause so that writers racing for the same row spread out instead of colliding again.
                var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, 5 * Math.Pow(2, attempt));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken).ConfigureAwait(false);
            }
        }
        throw new SubscriptionConflictException($"Subscription {id} kept changing under this update; gave up after {MaxConflictRetries} tries.");
    }

    public async IAsyncEnumerable<Subscription> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    public async IAsyncEnumerable<Subscription> GetManyAsync(IReadOnlyCollection<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Where(SubscriptionIds.IsValid).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            yield break;
        }
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        // One range read from the lowest id to the highest instead of a read per id. Ids listed in order are close
        // together; a range that holds many others is cut short and the rest are read one by one.
        var first = wanted.Min(StringComparer.Ordinal)!;
        var last = wanted.Max(StringComparer.Ordinal)!;
        var budget = wanted.Count * RangeReadSlack + 100;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {first} and RowKey le {last}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (wanted.Remove(entity.RowKey))
            {
                yield return FromEntity(entity);
            }
            if (wanted.Count == 0 || --budget == 0)
            {
                break;
            }
        }
        if (budget > 0)
        {
            // The range was read to its end: the ids not found have no subscription.
            yield break;
        }
        foreach (var id in wanted)
        {
            if (await GetEntityAsync(id, cancellationToken).ConfigureAwait(false) is { } entity)
            {
                yield return FromEntity(entity);
            }
        }
    }

    public async IAsyncEnumerable<string> ListActiveIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        // The id only, and only active rows that are sent to: the digest timer's listing carries a few bytes per subscription.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {SubscriptionStatus.Active.ToString()} and Channel ne {Channel.Feed.ToString()}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity.RowKey;
        }
    }

    private async Task<TableEntity?> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        await _init.EnsureAsync(cancellationToken).ConfigureAwait(false);
        if (!SubscriptionIds.IsValid(id))
        {
            return null;
        }
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity ToEntity(Subscription s) => new(Partition, s.Id)
    {
        ["Channel"] = s.Channel.ToString(),
        ["Target"] = s.Target,
        ["Rules"] = JsonSerializer.Serialize(s.Rules),
        ["Queries"] = JsonSerializer.Serialize(s.Queries),
        ["Cadence"] = s.Cadence.Kind.ToString(),
        ["CadenceAt"] = s.Cadence.At?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["CadenceTimeZone"] = s.Cadence.TimeZone,
        ["Status"] = s.Status.ToString(),
        ["CreatedAt"] = s.CreatedAt,
        ["ConfirmedAt"] = s.ConfirmedAt,
        ["SigningSecret"] = s.SigningSecret,
        ["DeliveredUntil"] = s.DeliveredUntil,
        ["LastError"] = s.LastError,
    };

    private static Subscription FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        Channel = Enum.Parse<Channel>(e.GetString("Channel") ?? nameof(Channel.Email)),
        Target = e.GetString("Target") ?? "",
        Rules = JsonSerializer.Deserialize<List<string>>(e.GetString("Rules") ?? "[]") ?? [],
        Queries = JsonSerializer.Deserialize<List<string>>(e.GetString("Queries") ?? "[]") ?? [],
        Cadence = new Cadence(
            Enum.Parse<CadenceKind>(e.GetString("Cadence") ?? nameof(CadenceKind.Daily)),
            e.GetString("CadenceAt") is { } at ? TimeOnly.ParseExact(at, "HH:mm", System.Globalization.CultureInfo.InvariantCulture) : null,
            e.GetString("CadenceTimeZone")),
        Status = Enum.Parse<SubscriptionStatus>(e.GetString("Status") ?? nameof(SubscriptionStatus.Pending)),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        ConfirmedAt = e.GetDateTimeOffset("ConfirmedAt"),
        SigningSecret = e.GetString("SigningSecret"),
        DeliveredUntil = e.GetDateTimeOffset("DeliveredUntil"),
        LastError = e.GetString("LastError"),
        ETag = e.ETag.ToString(),
    };
}
