using System.Text.Json.Serialization;

namespace Alerts.Storage;

/// <summary>What became of an uploaded blob.</summary>
/// <remarks>Stored in the uploads' <c>Status</c> column as the member names below (<see cref="StoredValue"/>).</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<UploadStatus>))]
public enum UploadStatus
{
    /// <summary>Parsed and analysed; its analysis and matches are stored.</summary>
    [JsonStringEnumMemberName("analysed")]
    Analysed,

    /// <summary>The same story (same body) was already analysed under another name; nothing new was stored.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>Could not be parsed; the reason is recorded and the blob stays in the container.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
