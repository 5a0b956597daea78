namespace Alerts.Evaluation;

/// <summary>An article of the evaluation corpus with what a desk analyst expects of it.</summary>
public sealed record LabelledArticle
{
    public required string Id { get; init; }

    /// <summary>"dev" (rules are tuned on it) or "test" (only measured).</summary>
    public required string Split { get; init; }

    /// <summary>The article file, parsed as <c>alerts analyze</c> parses it.</summary>
    public required string ArticlePath { get; init; }

    public string? Source { get; init; }

    public string? Licence { get; init; }

    /// <summary>Per rule id: should the rule fire on this article, and the sentence that decides.</summary>
    public required IReadOnlyDictionary<string, RuleLabel> Rules { get; init; }

    /// <summary>Per scored category (<see cref="EntityNames.ScoredCategories"/>): the names a reader would list; "A|B" gives aliases of one name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Entities { get; init; }
}

/// <summary>Whether a rule should fire on an article, and the sentence that decides it.</summary>
public sealed record RuleLabel(bool Positive, string? Sentence);
