namespace Alerts.Evaluation;

/// <summary>What <c>alerts eval</c> measured on a corpus.</summary>
public sealed record EvaluationReport
{
    public required string? Split { get; init; }
    public required int Articles { get; init; }
    public required IReadOnlyList<RuleScore> Rules { get; init; }
    public required IReadOnlyList<EntityScore> Entities { get; init; }

    /// <summary>The thresholds that were not met; empty when all were (or none was given).</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];
}

/// <summary>One rule's precision and recall over the articles labelled for it.</summary>
public sealed record RuleScore
{
    public required string Rule { get; init; }
    public required int Positives { get; init; }
    public required int Negatives { get; init; }
    public required int TruePositives { get; init; }
    public required int FalsePositives { get; init; }
    public required int FalseNegatives { get; init; }
    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);
    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Positives the rule did not fire on, with the labelled sentence that should have fired it.</summary>
    public required IReadOnlyList<RuleMiss> Missed { get; init; }

    /// <summary>Negatives the rule fired on, with the sentences it fired on.</summary>
    public required IReadOnlyList<RuleMiss> FalseAlarms { get; init; }

    /// <summary>1 when there is nothing to get wrong (no positive to miss, no firing to be false).</summary>
    internal static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}

/// <summary>An article a rule got wrong and the sentences that show it.</summary>
public sealed record RuleMiss(string Article, IReadOnlyList<string> Sentences);

/// <summary>The extractor's precision and recall for one category, counting each name once per article.</summary>
public sealed record EntityScore
{
    public required string Category { get; init; }
    public required int Labelled { get; init; }
    public required int Found { get; init; }
    public required int LabelledFound { get; init; }
    public required int FoundCorrect { get; init; }
    public double Precision => RuleScore.Ratio(FoundCorrect, Found);
    public double Recall => RuleScore.Ratio(LabelledFound, Labelled);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>"article: name" for each labelled name the extractor did not find in this category.</summary>
    public required IReadOnlyList<string> Missed { get; init; }

    /// <summary>"article: name" for each name the extractor put in this category that no label of it refers to.</summary>
    public required IReadOnlyList<string> Spurious { get; init; }
}
