using Alerts.Delivery;
using Alerts.Storage;
using Alerts.Subscriptions;

namespace Alerts.Hosting;

/// <summary>
/// Reads a message of <see cref="StorageNames.ImmediateBatchQueue"/> for both hosts. Anything but an
/// <see cref="ImmediateBatch"/> with an article id, its rules and valid subscriber ids is a
/// <see cref="MalformedMessageException"/> that names the fault without quoting the body.
/// </summary>
public static class ImmediateBatchDecoder
{
    private const int MaxSubscribers = 500;

    public static ImmediateBatch Decode(string body, string messageId)
    {
        var batch = QueueMessageJson.Read<ImmediateBatch>(body, StorageNames.ImmediateBatchQueue, messageId, "articleId, rules and subscribers");
        return batch switch
        {
            { ArticleId: null or "" } => throw Malformed(messageId, "articleId is missing"),
            { ArticleId: var id } when !ImmediateMessageDecoder.IsArticleId(id) => throw Malformed(messageId, "articleId is not 64 lowercase hex digits"),
            { Rules: null or [] } => throw Malformed(messageId, "rules is missing or empty"),
            { Rules: var rules } when rules.Any(string.IsNullOrWhiteSpace) => throw Malformed(messageId, "rules holds an empty rule id"),
            { Subscribers: null or [] } => throw Malformed(messageId, "subscribers is missing or empty"),
            { Subscribers.Count: > MaxSubscribers } => throw Malformed(messageId, $"more than {MaxSubscribers} subscribers"),
            { Subscribers: var subscribers } when !subscribers.All(s => s is { Id: { } sid, Rules: { } r } && SubscriptionIds.IsValid(sid) && !r.Any(string.IsNullOrWhiteSpace))
                => throw Malformed(messageId, "subscribers holds an invalid id or rule"),
            _ => batch,
        };
    }

    private static MalformedMessageException Malformed(string messageId, string reason) => new(StorageNames.ImmediateBatchQueue, messageId, reason);
}
