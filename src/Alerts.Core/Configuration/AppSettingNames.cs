namespace Alerts.Configuration;

/// <summary>
/// App settings that are not bound to an options class. Options classes declare their own
/// (a <c>SectionName</c> constant; each public property is the setting <c>Section__Property</c>).
/// </summary>
public static class AppSettingNames
{
    /// <summary>
    /// The storage connection used by the triggers and the stores. Either a connection string
    /// (<c>UseDevelopmentStorage=true</c> for Azurite) or, in Azure, an identity-based connection:
    /// <c>AlertsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
    /// <c>__credential</c> (<c>managedidentity</c>) and <c>__clientId</c>.
    /// </summary>
    public const string StorageConnection = Storage.StorageNames.Connection;

    /// <summary>NCRONTAB schedule of the digest timer (six fields, seconds first).</summary>
    public const string DigestSchedule = "DigestSchedule";

    /// <summary>NCRONTAB schedule of the story index prune timer (six fields, seconds first).</summary>
    public const string StoryPruneSchedule = "StoryPruneSchedule";
}
