using System.Globalization;

namespace Alerts.Evaluation;

/// <summary>
/// Minimum scores a report must reach, each written <c>NAME:METRIC=VALUE</c>: NAME is a rule id, an entity category
/// (person, location, organization), "rules" for every rule or "entities" for every category; METRIC is precision,
/// recall or f1; VALUE is between 0 and 1.
/// </summary>
public sealed class EvaluationThresholds
{
    private readonly List<(string Name, string Metric, double Minimum)> _minimums = [];

    public static readonly IReadOnlyList<string> Metrics = ["precision", "recall", "f1"];

    public int Count => _minimums.Count;

    /// <exception cref="FormatException">A threshold is not of the form NAME:METRIC=VALUE.</exception>
    public static EvaluationThresholds Parse(IEnumerable<string> thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var result = new EvaluationThresholds();
        foreach (var threshold in thresholds)
        {
            var equals = threshold.LastIndexOf('=');
            var colon = equals < 0 ? -1 : threshold.LastIndexOf(':', equals);
            if (colon <= 0
                || !double.TryParse(threshold[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var minimum)
                || minimum is < 0 or > 1)
            {
                throw new FormatException($"'{threshold}' is not NAME:METRIC=VALUE with VALUE between 0 and 1 (e.g. troop-arrivals:recall=0.95).");
            }
            var metric = threshold[(colon + 1)..equals].Trim().ToLowerInvariant();
            if (!Metrics.Contains(metric))
            {
                throw new FormatException($"'{threshold}': the metric must be precision, recall or f1, not '{metric}'.");
            }
            result.Add(threshold[..colon].Trim(), metric, minimum);
        }
        return result;
    }

    public void Add(string name, string metric, double minimum) => _minimums.Add((name, metric, minimum));

    /// <summary>One line per threshold not met, and per threshold naming a rule or category the report does not have.</summary>
    public IReadOnlyList<string> Check(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = new List<string>();
        foreach (var (name, metric, minimum) in _minimums)
        {
            var scores = Scores(report, name).ToList();
            if (scores.Count == 0)
            {
                failures.Add($"{name}: no such rule or entity category in this evaluation.");
                continue;
            }
            foreach (var (scored, precision, recall, f1) in scores)
            {
                var value = metric switch { "precision" => precision, "recall" => recall, _ => f1 };
                // Compared as printed (two decimals), so a threshold copied from the table is met by the same run.
                if (Math.Round(value, 2) < minimum)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"{scored} {metric} {value:0.00} is below {minimum:0.00}."));
                }
            }
        }
        return failures;
    }

    private static IEnumerable<(string Name, double Precision, double Recall, double F1)> Scores(EvaluationReport report, string name)
    {
        var rules = report.Rules.Where(r => name == "rules" || string.Equals(r.Rule, name, StringComparison.OrdinalIgnoreCase));
        var entities = report.Entities.Where(e => name == "entities" || string.Equals(e.Category, name, StringComparison.OrdinalIgnoreCase));
        return rules.Select(r => (r.Rule, r.Precision, r.Recall, r.F1)).Concat(entities.Select(e => (e.Category, e.Precision, e.Recall, e.F1)));
    }
}
