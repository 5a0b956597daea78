namespace Alerts.Rules;

/// <summary>An article meeting a watch rule, with the sentences that show why.</summary>
public sealed record RuleMatch
{
    public required string Rule { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    /// <summary>
    /// Lucene's relevance of the article to the rule, within an index of that one article: it does not compare across
    /// articles or rules, so it is stored (older analyses have it) but never shown or used to order alerts.
    /// </summary>
    public required double Score { get; init; }

    /// <summary>One to three sentences with the words that met the rule marked.</summary>
    public required IReadOnlyList<Snippet> Snippets { get; init; }
}
