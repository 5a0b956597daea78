namespace Alerts.Storage;

/// <summary>
/// Fixed names of the storage resources the pipeline uses. They are not settings: the blob trigger's path,
/// the Bicep that creates them and the code must agree, and a constant keeps them agreeing.
/// </summary>
public static class StorageNames
{
    /// <summary>The configuration name of the storage connection, shared with the triggers' <c>Connection</c>.</summary>
    public const string Connection = "AlertsStorage";

    public const string ArticlesContainer = "articles";
    public const string AnalysesContainer = "analyses";

    /// <summary>One row per uploaded blob: status, article id, title, reason for a failure.</summary>
    public const string ArticlesTable = "articles";

    /// <summary>One row per (article, rule) match.</summary>
    public const string MatchesTable = "matches";
}
