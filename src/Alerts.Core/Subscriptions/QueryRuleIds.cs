using System.Security.Cryptography;
using System.Text;

namespace Alerts.Subscriptions;

/// <summary>
/// The rule ids under which subscribers' own queries are matched: <c>q_</c> and an HMAC of the query text keyed with
/// the app's token key. Without the key an id tells nothing about the query or who asked it, and the underscore keeps
/// it apart from catalogue rule ids (lower-case letters, digits and hyphens).
/// </summary>
public sealed class QueryRuleIds(ITokenKeyProvider keys)
{
    public const string Prefix = "q_";

    // Domain separation: the token key also signs confirmation and unsubscribe links.
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("alerts/query-rule-id\n");

    /// <summary>True for the id of a subscriber's query, whose matches are stored apart from the shared analysis.</summary>
    public static bool IsQueryRule(string ruleId) => ruleId?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public async ValueTask<string> IdOfAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var key = await keys.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        return Of(key, query);
    }

    /// <summary>Every rule id whose matches this subscriber receives: watched catalogue rules and its own queries.</summary>
    public async ValueTask<IReadOnlyList<string>> WatchedByAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Queries.Count == 0)
        {
            return subscription.Rules;
        }
        var key = await keys.GetKeyAsync(cancellationToken).ConfigureAwait(false);
        return [.. subscription.Rules, .. subscription.Queries.Select(q => Of(key, q))];
    }

    private static string Of(byte[] key, string query)
    {
        var text = Encoding.UTF8.GetBytes(query);
        var input = new byte[Purpose.Length + text.Length];
        Purpose.CopyTo(input, 0);
        text.CopyTo(input, Purpose.Length);
        // 128 bits: collisions between queries are out of reach.
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, input).AsSpan(0, 16));
    }
}
