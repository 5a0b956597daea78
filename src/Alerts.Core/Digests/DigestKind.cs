using System.Text.Json.Serialization;

namespace Alerts.Digests;

/// <summary>What made a digest: an article as it was analysed, or the timer's window.</summary>
/// <remarks>Stored in the ledger's <c>Kind</c> column and in digest and webhook JSON as the member names below (<see cref="StoredValue"/>).</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<DigestKind>))]
public enum DigestKind
{
    /// <summary>The timer's hourly or daily digest of a window.</summary>
    [JsonStringEnumMemberName("scheduled")]
    Scheduled,

    /// <summary>One article, sent as it is analysed.</summary>
    [JsonStringEnumMemberName("immediate")]
    Immediate,
}
