namespace Alerts.Storage;

/// <summary>What became of an uploaded blob.</summary>
public static class UploadStatus
{
    /// <summary>Parsed and analysed; its analysis and matches are stored.</summary>
    public const string Analysed = "analysed";

    /// <summary>The same story (same body) was already analysed under another name; nothing new was stored.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Could not be parsed; the reason is recorded and the blob stays in the container.</summary>
    public const string Failed = "failed";
}
