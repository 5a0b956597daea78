using Alerts.Rules;

namespace Alerts.Subscriptions;

/// <summary>
/// Subscribers' own queries as watch rules, so articles are percolated against them like any rule and their
/// matches are stored, dated and digested the same way. Rule id: <c>q-{subscriptionId}-{n}</c>.
/// </summary>
public sealed class SubscriptionQueryRules(ISubscriptionStore subscriptions) : IRuleSource
{
    private const int MaxTitleQueryLength = 80;

    public async Task<IReadOnlyList<WatchRule>> GetRulesAsync(CancellationToken cancellationToken)
    {
        var rules = new List<WatchRule>();
        await foreach (var subscription in subscriptions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            // Failing subscriptions keep matching: their digests resume once delivery works again.
            if (subscription.Status is not (SubscriptionStatus.Active or SubscriptionStatus.Failing))
            {
                continue;
            }
            rules.AddRange(subscription.Queries.Select((query, i) => ToRule(subscription, query, i)));
        }
        return rules;
    }

    public static WatchRule ToRule(Subscription subscription, string query, int index)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(query);
        return new WatchRule
        {
            Id = subscription.QueryRuleId(index),
            Title = "Your query: " + (query.Length <= MaxTitleQueryLength ? query : query[..MaxTitleQueryLength] + "…"),
            Severity = Severity.Medium,
            Query = query,
        };
    }
}
