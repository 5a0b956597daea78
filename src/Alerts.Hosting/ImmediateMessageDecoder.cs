using Alerts.Delivery;
using Alerts.Storage;

namespace Alerts.Hosting;

/// <summary>
/// Reads a message of the immediate queue (<see cref="StorageNames.ImmediateQueue"/>) for both hosts. Anything but a
/// <see cref="NewMatchesMessage"/> with an article id and at least one rule is a <see cref="MalformedMessageException"/>,
/// whose reason names the fault without quoting the body.
/// </summary>
public static class ImmediateMessageDecoder
{
    private const int ArticleIdLength = 64; // a SHA-256 in lowercase hex, as ArticleParser.ComputeId makes it

    public static NewMatchesMessage Decode(string body, string messageId)
    {
        var message = QueueMessageJson.Read<NewMatchesMessage>(body, StorageNames.ImmediateQueue, messageId, "articleId and rules");
        return message switch
        {
            { ArticleId: null or "" } => throw Malformed(messageId, "articleId is missing"),
            { ArticleId: var id } when !IsArticleId(id) => throw Malformed(messageId, $"articleId is not {ArticleIdLength} lowercase hex digits"),
            { Rules: null or [] } => throw Malformed(messageId, "rules is missing or empty"),
            { Rules: var rules } when rules.Any(string.IsNullOrWhiteSpace) => throw Malformed(messageId, "rules holds an empty rule id"),
            _ => message,
        };
    }

    internal static bool IsArticleId(string id) => id.Length == ArticleIdLength && id.All(char.IsAsciiHexDigitLower);

    private static MalformedMessageException Malformed(string messageId, string reason) => new(StorageNames.ImmediateQueue, messageId, reason);
}
