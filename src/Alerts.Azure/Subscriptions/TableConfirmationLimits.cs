using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alerts.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Alerts.Subscriptions;

/// <summary>
/// <see cref="IConfirmationLimits"/> in the <c>subscriptions</c> table, in partitions of their own (subscriptions are
/// in <c>sub</c>). Every decision is a conditional write (insert-if-absent, or replace-if-unchanged by ETag), so two
/// requests at the same moment, on one instance or two, cannot both take the same place. Addresses and clients are
/// stored as SHA-256 hashes, not in the clear.
/// </summary>
public sealed class TableConfirmationLimits(
    BlobServiceClient blobs,
    TableServiceClient tables,
    ISubscriptionStore subscriptions,
    IOptions<SubscriptionOptions> options,
    TimeProvider time) : IConfirmationLimits
{
    private const string AddressPartition = "confirm-address";
    private const string ClientPartition = "confirm-client";
    private const int MaxAttempts = 8;

    private readonly TableClient _table = tables.GetTableClient(StorageNames.SubscriptionsTable);
    private readonly StorageInitializer _init = new(blobs, tables, [], [StorageNames.SubscriptionsTable]);

    public Task<ConfirmationClaim> ClaimAddressAsync(string address, string subscriptionId, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => ClaimAddressOnceAsync(address, subscriptionId, ct), cancellationToken);

    private async Task<ConfirmationClaim> ClaimAddressOnceAsync(string address, string subscriptionId, CancellationToken cancellationToken)
    {
        var key = Hash(ConfirmationAddressKey.Normalize(address));
        var interval = options.Value.ConfirmationResendInterval;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var row = new TableEntity(AddressPartition, key) { ["SubscriptionId"] = subscriptionId, ["SentAt"] = now };
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(AddressPartition, key, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = response.HasValue ? response.Value : null;
            try
            {
                if (existing is null)
                {
                    var added = await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                    return new ConfirmationClaim(true, key, subscriptionId, now, now + interval, added.Headers.ETag?.ToString());
                }
                var holder = existing.GetString("SubscriptionId");
                var sentAt = existing.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue;
                if (sentAt + interval > now && !await IsSettledAsync(holder, subscriptionId, cancellationToken).ConfigureAwait(false))
                {
                    return new ConfirmationClaim(false, key, holder, sentAt, sentAt + interval, null);
                }
                var replaced = await _table.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new ConfirmationClaim(true, key, subscriptionId, now, now + interval, replaced.Headers.ETag?.ToString());
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another request claimed the address first: read its claim and decide again.
            }
        }
        var later = time.GetUtcNow();
        return new ConfirmationClaim(false, key, null, later, later + TimeSpan.FromSeconds(1), null);
    }

    public async Task ReleaseAsync(ConfirmationClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (!claim.Granted || claim.Version is null)
        {
            return;
        }
        try
        {
            // Only if nobody claimed the address since: their claim stays.
            await _table.DeleteEntityAsync(AddressPartition, claim.Key, new ETag(claim.Version), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }
    }

    public Task<TimeSpan?> TakeClientBudgetAsync(string client, CancellationToken cancellationToken) =>
        _init.RunAsync(ct => TakeClientBudgetOnceAsync(client, ct), cancellationToken);

    private async Task<TimeSpan?> TakeClientBudgetOnceAsync(string client, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        var window = options.Value.ConfirmationClientWindow;
        var limit = options.Value.ConfirmationsPerClient;
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        var refill = windowStart + window - now;
        // One row per email of the budget ("slot"): inserting a slot that exists fails, so the budget cannot be overdrawn.
        var prefix = $"{Hash(client)}-{windowStart.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ClientPartition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
            await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                taken.Add(e.RowKey);
            }
            var free = Enumerable.Range(0, limit).Select(i => prefix + i.ToString("D6", CultureInfo.InvariantCulture)).Where(k => !taken.Contains(k)).ToList();
            if (free.Count == 0)
            {
                return refill;
            }
            try
            {
                await _table.AddEntityAsync(new TableEntity(ClientPartition, free[Random.Shared.Next(free.Count)]) { ["TakenAt"] = now }, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another request took that slot at the same moment: look again.
            }
        }
        return TimeSpan.FromSeconds(1);
    }

    /// <summary>Whether the holder's confirmation is no longer waiting: confirmed, or unsubscribed. Not yet stored counts as waiting.</summary>
    private async Task<bool> IsSettledAsync(string? holder, string claimant, CancellationToken cancellationToken)
    {
        if (holder is null || holder == claimant)
        {
            return false;
        }
        return await subscriptions.GetAsync(holder, cancellationToken).ConfigureAwait(false) is { } s && s.Status != SubscriptionStatus.Pending;
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
