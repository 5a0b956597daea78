using Alerts.Rules;

namespace Alerts.Subscriptions;

/// <summary>
/// Subscribers' own queries as watch rules, so articles are percolated against them like any rule. Their ids are
/// opaque (<see cref="QueryRuleIds"/>), and their matches are stored apart from the shared analysis, so neither the
/// query nor its subscriber shows anywhere but in that subscriber's own alerts.
/// </summary>
public sealed class SubscriptionQueryRules(ISubscriptionStore subscriptions, QueryRuleIds ids) : IRuleSource
{
    public async Task<IReadOnlyList<WatchRule>> GetRulesAsync(CancellationToken cancellationToken)
    {
        // One rule per distinct query: subscribers asking the same thing share its matches.
        var rules = new Dictionary<string, WatchRule>(StringComparer.Ordinal);
        await foreach (var subscription in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // Failing subscriptions keep matching: their digests resume once delivery works again.
            if (subscription.Status is not (SubscriptionStatus.Active or SubscriptionStatus.Failing))
            {
                continue;
            }
            foreach (var query in subscription.Queries)
            {
                var id = await ids.IdOfAsync(query, cancellationToken).ConfigureAwait(false);
                rules.TryAdd(id, ToRule(id, query));
            }
        }
        return [.. rules.Values];
    }

    public static WatchRule ToRule(string id, string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new WatchRule
        {
            Id = id,
            Title = "Your query: " + QueryInWords.Describe(query),
            Severity = Severity.Medium,
            Query = query,
        };
    }
}
