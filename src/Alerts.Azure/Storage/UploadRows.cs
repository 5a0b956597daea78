using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace Alerts.Storage;

/// <summary>
/// The rows of the <c>articles</c> table, all in partition <c>upload</c>: one status row per blob (RowKey the escaped
/// blob name) and, beside it, one index row per status row that sorts uploads newest first (Table storage returns rows
/// in ascending key order). An index RowKey is <c>!t!</c>, the inverted ticks of the status time and the status row's
/// key. The status row names its index row (<c>IndexKey</c>), and the two change in one entity-group transaction, so
/// a blob always has exactly one index row.
/// </summary>
internal static class UploadRows
{
    public const string Partition = "upload";

    /// <summary>'!' never starts an escaped blob name (<see cref="TableKeys.Escape"/> percent-encodes it), so index rows never meet status rows and sort before them.</summary>
    public const string IndexPrefix = "!t!";

    /// <summary>The first key after every index row ('"' follows '!').</summary>
    public const string IndexEnd = "!t\"";

    public const string IndexKeyColumn = "IndexKey";

    /// <summary>A key is at most 1 KiB: 512 UTF-16 characters, as <see cref="TableKeys"/> keeps status row keys.</summary>
    private const int MaxKeyLength = 512;

    public static string IndexKey(DateTimeOffset time, string statusRowKey)
    {
        ArgumentNullException.ThrowIfNull(statusRowKey);
        var head = IndexPrefix + (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "!";
        if (head.Length + statusRowKey.Length <= MaxKeyLength)
        {
            return head + statusRowKey;
        }
        // A long name keeps a readable head and a hash of the whole key, which keeps it unique.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(statusRowKey)))[..32];
        return head + statusRowKey[..(MaxKeyLength - head.Length - 33)] + "~" + hash;
    }

    public static TableEntity Entity(UploadRecord record, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new TableEntity(Partition, rowKey)
        {
            ["Name"] = Truncate(record.Name, 1024),
            ["Status"] = StoredValue.Of(record.Status),
            ["ArticleId"] = record.ArticleId,
            ["Title"] = record.Title is null ? null : Truncate(record.Title, 1000),
            ["Reason"] = record.Reason,
            ["Message"] = record.Message is null ? null : Truncate(record.Message, 4000),
            ["MatchCount"] = record.MatchCount,
            ["Extractor"] = record.Extractor,
            ["Time"] = record.Time,
        };
    }

    public static UploadRecord Read(TableEntity e, string? name = null) => new()
    {
        Name = e.GetString("Name") ?? name ?? e.RowKey,
        Status = StoredValue.Parse<UploadStatus>(e.GetString("Status")),
        ArticleId = e.GetString("ArticleId"),
        Title = e.GetString("Title"),
        Reason = e.GetString("Reason"),
        Message = e.GetString("Message"),
        MatchCount = e.GetInt32("MatchCount") ?? 0,
        Extractor = e.GetString("Extractor"),
        Time = e.GetDateTimeOffset("Time") ?? DateTimeOffset.MinValue,
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
