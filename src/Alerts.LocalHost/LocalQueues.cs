namespace Alerts.LocalHost;

/// <summary>
/// Queues only the local host reads. They are not in <c>infra/main.bicep</c>: in Azure, Event Grid delivers each upload
/// to the blob trigger, and the uploader creates this queue where it is used.
/// </summary>
public static class LocalQueues
{
    /// <summary>One message per upload made by <c>alerts upload</c> or the watched folder, naming the blob.</summary>
    public const string ArticleUploads = "article-uploads";

    /// <summary>
    /// Blob metadata the uploader sets on a blob it names on <see cref="ArticleUploads"/>: the queue owns that upload,
    /// so the blob scan leaves it (reconciliation still covers a message that was lost).
    /// </summary>
    public const string QueuedOnMetadata = "queuedon";

    public static IDictionary<string, string> QueuedMetadata() =>
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [QueuedOnMetadata] = ArticleUploads };

    /// <summary>Whether a blob with this metadata was named on <see cref="ArticleUploads"/> by the uploader.</summary>
    public static bool IsQueued(IDictionary<string, string>? metadata) =>
        // Metadata names are case-insensitive in storage; a dictionary handed over by a binding may not be.
        metadata is not null && metadata.Any(m => string.Equals(m.Key, QueuedOnMetadata, StringComparison.OrdinalIgnoreCase) && m.Value == ArticleUploads);
}
