using Alerts.Storage;

namespace Alerts.Outcomes;

/// <summary>One upload as listed: what became of it, and for a refused one the recorded reason.</summary>
public sealed record UploadSummary(
    string Name,
    string Status,
    DateTimeOffset Time,
    string? ArticleId,
    string? Title,
    int MatchCount,
    string? Reason,
    string? Message)
{
    public static UploadSummary From(UploadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Name, StoredValue.Of(record.Status), record.Time, record.ArticleId, record.Title, record.MatchCount, record.Reason, record.Message);
    }
}
