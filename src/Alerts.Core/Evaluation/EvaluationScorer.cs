namespace Alerts.Evaluation;

/// <summary>Scores rule firings and extracted entities against the labels of a corpus.</summary>
public static class EvaluationScorer
{
    /// <param name="rules">The rule ids to score, in report order; a rule is scored on the articles labelled for it.</param>
    public static EvaluationReport Score(IReadOnlyList<EvaluatedArticle> articles, IReadOnlyList<string> rules, string? split)
    {
        ArgumentNullException.ThrowIfNull(articles);
        ArgumentNullException.ThrowIfNull(rules);
        return new EvaluationReport
        {
            Split = split,
            Articles = articles.Count,
            Rules = [.. rules.Select(r => ScoreRule(articles, r))],
            Entities = [.. EntityNames.ScoredCategories.Select(c => ScoreEntities(articles, c))],
        };
    }

    private static RuleScore ScoreRule(IReadOnlyList<EvaluatedArticle> articles, string rule)
    {
        int positives = 0, negatives = 0, truePositives = 0;
        var missed = new List<RuleMiss>();
        var falseAlarms = new List<RuleMiss>();
        foreach (var article in articles)
        {
            if (!article.Labels.Rules.TryGetValue(rule, out var label))
            {
                continue;
            }
            var fired = article.Fired.TryGetValue(rule, out var sentences);
            if (label.Positive)
            {
                positives++;
                if (fired)
                {
                    truePositives++;
                }
                else
                {
                    missed.Add(new RuleMiss(article.Labels.Id, label.Sentence is null ? [] : [label.Sentence]));
                }
            }
            else
            {
                negatives++;
                if (fired)
                {
                    falseAlarms.Add(new RuleMiss(article.Labels.Id, sentences ?? []));
                }
            }
        }
        return new RuleScore
        {
            Rule = rule,
            Positives = positives,
            Negatives = negatives,
            TruePositives = truePositives,
            FalsePositives = falseAlarms.Count,
            FalseNegatives = missed.Count,
            Missed = missed,
            FalseAlarms = falseAlarms,
        };
    }

    private static EntityScore ScoreEntities(IReadOnlyList<EvaluatedArticle> articles, string category)
    {
        int labelled = 0, found = 0, labelledFound = 0, foundCorrect = 0;
        var missed = new List<string>();
        var spurious = new List<string>();
        foreach (var article in articles)
        {
            if (!article.Labels.Entities.TryGetValue(category, out var names))
            {
                // An article without a list for this category was not labelled for it: nothing to score.
                continue;
            }
            var gold = names.Select(n => (Label: n, Aliases: EntityNames.Aliases(n))).Where(g => g.Aliases.Count > 0).ToList();
            var extracted = article.Entities.Where(e => e.Category == category)
                .Select(e => (Text: e.Text, Normal: EntityNames.Normalize(e.Text)))
                .Where(e => e.Normal.Length > 0)
                .DistinctBy(e => e.Normal, StringComparer.Ordinal)
                .ToList();

            labelled += gold.Count;
            found += extracted.Count;
            foreach (var g in gold)
            {
                if (extracted.Any(e => EntityNames.Refers(e.Normal, g.Aliases, category)))
                {
                    labelledFound++;
                }
                else
                {
                    missed.Add($"{article.Labels.Id}: {g.Label}");
                }
            }
            foreach (var e in extracted)
            {
                if (gold.Any(g => EntityNames.Refers(e.Normal, g.Aliases, category)))
                {
                    foundCorrect++;
                }
                else
                {
                    spurious.Add($"{article.Labels.Id}: {e.Text}");
                }
            }
        }
        return new EntityScore
        {
            Category = category,
            Labelled = labelled,
            Found = found,
            LabelledFound = labelledFound,
            FoundCorrect = foundCorrect,
            Missed = missed,
            Spurious = spurious,
        };
    }
}
