using Alerts.Entities;
using Alerts.Evaluation;

namespace Alerts.Tests.Evaluation;

public class EvaluationScorerTests
{
    private static LabelledArticle Labels(string id, bool troopsPositive, string[]? people = null, string[]? orgs = null) => new()
    {
        Id = id,
        Split = "dev",
        ArticlePath = id + ".txt",
        Rules = new Dictionary<string, RuleLabel> { ["troop-arrivals"] = new(troopsPositive, troopsPositive ? "Troops arrived in Juba." : null) },
        Entities = new Dictionary<string, IReadOnlyList<string>>
        {
            [EntityCategory.Person] = people ?? [],
            [EntityCategory.Organization] = orgs ?? [],
        },
    };

    private static EvaluatedArticle Run(LabelledArticle labels, bool fired, params Entity[] entities) => new(
        labels,
        fired ? new Dictionary<string, IReadOnlyList<string>> { ["troop-arrivals"] = ["The fired sentence."] } : [],
        entities);

    private static Entity E(string text, string category) => new(text, category, null, 0, text.Length, 1);

    [Fact]
    public void Precision_recall_and_f1_count_articles_and_list_the_missed_and_the_false()
    {
        var report = EvaluationScorer.Score(
        [
            Run(Labels("hit", true), fired: true),
            Run(Labels("miss", true), fired: false),
            Run(Labels("false", false), fired: true),
            Run(Labels("quiet", false), fired: false),
        ], ["troop-arrivals"], "dev");

        var rule = Assert.Single(report.Rules);
        Assert.Equal((2, 2, 1, 1, 1), (rule.Positives, rule.Negatives, rule.TruePositives, rule.FalsePositives, rule.FalseNegatives));
        Assert.Equal(0.5, rule.Precision);
        Assert.Equal(0.5, rule.Recall);
        Assert.Equal(0.5, rule.F1);
        Assert.Equal(new RuleMiss("miss", ["Troops arrived in Juba."]), rule.Missed.Single(), new MissComparer());
        Assert.Equal("false", rule.FalseAlarms.Single().Article);
        Assert.Equal(["The fired sentence."], rule.FalseAlarms.Single().Sentences);
    }

    [Fact]
    public void A_rule_without_labels_in_an_article_is_not_scored_there()
    {
        var unlabelled = Labels("other", false) with { Rules = new Dictionary<string, RuleLabel>() };
        var report = EvaluationScorer.Score([Run(unlabelled, fired: true)], ["troop-arrivals"], null);

        Assert.Equal(0, report.Rules.Single().Negatives + report.Rules.Single().Positives);
        Assert.Equal(0, report.Rules.Single().FalsePositives);
    }

    [Fact]
    public void A_surname_counts_for_the_labelled_person_and_aliases_name_one_organisation()
    {
        var labels = Labels("a", false, people: ["Salva Kiir"], orgs: ["United Nations|UN"]);
        var report = EvaluationScorer.Score(
            [Run(labels, false, E("Kiir", EntityCategory.Person), E("Salva Kiir", EntityCategory.Person), E("UN", EntityCategory.Organization), E("Juba", EntityCategory.Organization))],
            [], null);

        var person = report.Entities.Single(e => e.Category == EntityCategory.Person);
        Assert.Equal((1, 2, 1, 2), (person.Labelled, person.Found, person.LabelledFound, person.FoundCorrect));
        var org = report.Entities.Single(e => e.Category == EntityCategory.Organization);
        Assert.Equal(1.0, org.Recall);
        Assert.Equal(0.5, org.Precision);
        Assert.Equal(["a: Juba"], org.Spurious);
    }

    [Fact]
    public void A_name_in_the_wrong_category_is_false_there_and_missed_in_its_own()
    {
        var labels = Labels("a", false, people: [], orgs: []) with
        {
            Entities = new Dictionary<string, IReadOnlyList<string>> { [EntityCategory.Location] = ["Khartoum"], [EntityCategory.Organization] = [] },
        };
        var report = EvaluationScorer.Score([Run(labels, false, E("KHARTOUM", EntityCategory.Organization))], [], null);

        Assert.Equal(["a: Khartoum"], report.Entities.Single(e => e.Category == EntityCategory.Location).Missed);
        Assert.Equal(["a: KHARTOUM"], report.Entities.Single(e => e.Category == EntityCategory.Organization).Spurious);
    }

    [Theory]
    [InlineData("The United Nations", "united nations")]
    [InlineData("Tokayev's", "tokayev")]
    [InlineData("  Al-Shabab ", "al-shabab")]
    [InlineData("The", "the")]
    public void Names_are_compared_without_case_a_leading_the_or_a_possessive(string name, string normal) =>
        Assert.Equal(normal, EntityNames.Normalize(name));

    [Fact]
    public void Thresholds_fail_below_and_pass_at_the_printed_value()
    {
        var report = EvaluationScorer.Score([Run(Labels("hit", true), true), Run(Labels("miss", true), false), Run(Labels("m2", true), false)], ["troop-arrivals"], null);

        Assert.Empty(EvaluationThresholds.Parse(["troop-arrivals:recall=0.33", "rules:precision=1"]).Check(report));
        var failures = EvaluationThresholds.Parse(["troop-arrivals:recall=0.95"]).Check(report);
        Assert.Equal(["troop-arrivals recall 0.33 is below 0.95."], failures);
        Assert.Single(EvaluationThresholds.Parse(["no-such-rule:f1=0.5"]).Check(report));
    }

    [Theory]
    [InlineData("troop-arrivals=0.9")]
    [InlineData("troop-arrivals:speed=0.9")]
    [InlineData("troop-arrivals:recall=1.5")]
    [InlineData(":recall=0.5")]
    public void A_malformed_threshold_is_refused(string threshold) =>
        Assert.Throws<FormatException>(() => EvaluationThresholds.Parse([threshold]));

    private sealed class MissComparer : IEqualityComparer<RuleMiss>
    {
        public bool Equals(RuleMiss? x, RuleMiss? y) => x!.Article == y!.Article && x.Sentences.SequenceEqual(y.Sentences);
        public int GetHashCode(RuleMiss obj) => obj.Article.GetHashCode(StringComparison.Ordinal);
    }
}
