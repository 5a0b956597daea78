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
            Direct = DirectQuery.Of(Query, RuleQuery.ProbeRewrite);
        }
        catch (RuleException ex)
        {
            throw new RuleException($"Rule '{rule.Id}': {ex.Message}", ex);
        }
        Conditions = RequiredTerms.Of(Query);
    }

    public WatchRule Rule { get; }

    public Query Query { get; }

    /// <summary>The query evaluated without Lucene; null when it holds a clause only Lucene runs (wildcards other than a trailing <c>*</c>, regular expressions, fuzzy terms).</summary>
    internal DirectQuery? Direct { get; }

    /// <summary>What every article the rule matches holds (see <see cref="RequiredTerms"/>); null when nothing is known.</summary>
    internal List<TermClause>? Conditions { get; }
}
