namespace Alerts.LocalHost;

/// <summary>
/// Queues only the local host reads. They are not in <c>infra/main.bicep</c>: in Azure, Event Grid delivers each upload
/// to the blob trigger, and the uploader creates this queue where it is used.
/// </summary>
public static class LocalQueues
{
    /// <summary>One message per upload made by <c>alerts upload</c> or the watched folder, naming the blob.</summary>
    public const string ArticleUploads = "article-uploads";
}
