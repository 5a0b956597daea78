using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;

namespace Alerts.Hosting;

/// <summary>
/// Reads a message of <see cref="StorageNames.DigestBatchQueue"/> for both hosts. Anything but a
/// <see cref="DigestBatch"/> of valid subscription ids is a <see cref="MalformedMessageException"/> that names the
/// fault without quoting the body.
/// </summary>
public static class DigestBatchDecoder
{
    private const int MaxIds = 500;

    public static DigestBatch Decode(string body, string messageId)
    {
        var batch = QueueMessageJson.Read<DigestBatch>(body, StorageNames.DigestBatchQueue, messageId, "subscriptionIds");
        return batch switch
        {
            { SubscriptionIds: null or [] } => throw Malformed(messageId, "subscriptionIds is missing or empty"),
            { SubscriptionIds.Count: > MaxIds } => throw Malformed(messageId, $"more than {MaxIds} subscription ids"),
            { SubscriptionIds: var ids } when !ids.All(SubscriptionIds.IsValid) => throw Malformed(messageId, "subscriptionIds holds an invalid id"),
            _ => batch,
        };
    }

    private static MalformedMessageException Malformed(string messageId, string reason) => new(StorageNames.DigestBatchQueue, messageId, reason);
}
