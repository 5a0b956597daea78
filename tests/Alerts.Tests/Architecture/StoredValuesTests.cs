using System.Text.Json;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Storage;
using Alerts.Subscriptions;

namespace Alerts.Tests.Architecture;

/// <summary>
/// The strings states are stored as, in tables and in JSON. Rows and blobs written by an earlier version must still
/// read, and table filters must still find them: renaming an enum member must not change what is stored.
/// </summary>
public sealed class StoredValuesTests
{
    public static TheoryData<Enum, string> StoredNames => new()
    {
        { DeliveryState.Pending, "pending" },
        { DeliveryState.Sending, "sending" },
        { DeliveryState.Sent, "sent" },
        { DeliveryState.Failed, "failed" },
        { DeliveryState.Superseded, "superseded" },
        { UploadStatus.Analysed, "analysed" },
        { UploadStatus.Duplicate, "duplicate" },
        { UploadStatus.Failed, "failed" },
        { DigestKind.Scheduled, "scheduled" },
        { DigestKind.Immediate, "immediate" },
    };

    [Theory]
    [MemberData(nameof(StoredNames))]
    public void A_state_is_stored_in_tables_and_JSON_as_the_same_string(Enum value, string stored)
    {
        Assert.Equal(stored, value switch
        {
            DeliveryState s => StoredValue.Of(s),
            UploadStatus s => StoredValue.Of(s),
            DigestKind k => StoredValue.Of(k),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        });
        Assert.Equal(value, value switch
        {
            DeliveryState => StoredValue.Parse<DeliveryState>(stored),
            UploadStatus => StoredValue.Parse<UploadStatus>(stored),
            DigestKind => (Enum)StoredValue.Parse<DigestKind>(stored),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        });
        // The API, queue messages and digest blobs use AlertsJson; anything else uses the defaults.
        Assert.Equal($"\"{stored}\"", JsonSerializer.Serialize(value, value.GetType(), AlertsJson.Options));
        Assert.Equal($"\"{stored}\"", JsonSerializer.Serialize(value, value.GetType()));
        Assert.Equal(value, JsonSerializer.Deserialize($"\"{stored}\"", value.GetType(), AlertsJson.Options));
    }

    [Fact]
    public void Every_member_of_a_stored_state_is_pinned()
    {
        var pinned = StoredNames.Select(row => (Enum)row[0]).ToHashSet();

        Assert.All(Enum.GetValues<DeliveryState>(), v => Assert.Contains(v, pinned));
        Assert.All(Enum.GetValues<UploadStatus>(), v => Assert.Contains(v, pinned));
        Assert.All(Enum.GetValues<DigestKind>(), v => Assert.Contains(v, pinned));
    }

    [Fact]
    public void An_unknown_stored_state_is_refused_naming_the_value()
    {
        var error = Assert.Throws<FormatException>(() => StoredValue.Parse<DeliveryState>("Pending"));

        Assert.Contains("'Pending'", error.Message, StringComparison.Ordinal);
        Assert.Contains("pending", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subscription_columns_are_stored_as_the_member_names()
    {
        // TableSubscriptionStore writes Status, Channel and Cadence with ToString() and reads them with Enum.Parse.
        Assert.Equal(["Pending", "Active", "Paused", "Failing", "Unsubscribed"], Enum.GetNames<SubscriptionStatus>());
        Assert.Equal(["Email", "Webhook", "Feed", "Teams", "Slack"], Enum.GetNames<Channel>());
        Assert.Equal(["Immediate", "Hourly", "Daily"], Enum.GetNames<CadenceKind>());
    }
}
