using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>A rule with its query parsed once, ready to run against many articles.</summary>
public sealed class CompiledRule
{
    public CompiledRule(WatchRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        try
        {
            Query = RuleQuery.Parse(rule.Query);
        }
        catch (RuleException ex)
        {
            throw new RuleException($"Rule '{rule.Id}': {ex.Message}", ex);
        }
        Direct = DirectQuery.Of(Query, RuleQuery.ProbeRewrite);
    }

    public WatchRule Rule { get; }

    public Query Query { get; }

    /// <summary>The query evaluated without Lucene; null when it holds a clause only Lucene runs (wildcards, regular expressions, fuzzy terms).</summary>
    internal DirectQuery? Direct { get; }
}
