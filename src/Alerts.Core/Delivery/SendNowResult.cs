using System.Text.Json.Serialization;

namespace Alerts.Delivery;

/// <summary>What "send this subscription's digest now" did.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Message">One sentence for the person who asked.</param>
/// <param name="DigestId">The digest sent, failed, or holding the window.</param>
/// <param name="ArticleCount">Articles in that digest.</param>
public sealed record SendNowResult(SendNowOutcome Outcome, string Message, string? DigestId = null, int ArticleCount = 0);

[JsonConverter(typeof(JsonStringEnumConverter<SendNowOutcome>))]
public enum SendNowOutcome
{
    /// <summary>The digest was sent; the next scheduled window starts where it ended.</summary>
    [JsonStringEnumMemberName("sent")]
    Sent,

    /// <summary>Nothing matched since the last digest: nothing was sent and the window stays open.</summary>
    [JsonStringEnumMemberName("nothing-new")]
    NothingNew,

    /// <summary>The send failed; the digest is in the ledger with a retry scheduled.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Another run or request holds this subscription's digest (claimed, or waiting for a retry).</summary>
    [JsonStringEnumMemberName("held")]
    Held,

    /// <summary>The subscription is not active, or gets each alert as it is analysed.</summary>
    [JsonStringEnumMemberName("not-applicable")]
    NotApplicable,

    [JsonStringEnumMemberName("not-found")]
    NotFound,
}
