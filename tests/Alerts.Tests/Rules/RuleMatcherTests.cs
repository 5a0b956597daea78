using Alerts.Entities;
using Alerts.Rules;

namespace Alerts.Tests.Rules;

public class RuleMatcherTests
{
    private static RuleMatcher MatcherFor(string query, string id = "r") =>
        new([new CompiledRule(new WatchRule { Id = id, Title = "Rule", Severity = Severity.High, Query = query })]);

    [Fact]
    public void A_phrase_with_a_stop_word_matches_that_wording_only()
    {
        var matcher = MatcherFor("\"state of emergency\"");

        Assert.Single(matcher.Match(BuiltinRuleTests.Story("Officials declared a state of emergency on Monday."), []));
        Assert.Empty(matcher.Match(BuiltinRuleTests.Story("The state has an emergency fund."), []));
        Assert.Empty(matcher.Match(BuiltinRuleTests.Story("The state emergency agency met."), []));
    }

    [Fact]
    public void Stemming_lets_inflections_meet()
    {
        var matcher = MatcherFor("\"troops arrive\"~2");

        Assert.Single(matcher.Match(BuiltinRuleTests.Story("More troops arrived overnight."), []));
        Assert.Single(matcher.Match(BuiltinRuleTests.Story("Troop arrivals continued."), []));
    }

    [Fact]
    public void Snippets_mark_the_whole_phrase_in_the_sentence_that_matched()
    {
        var matcher = MatcherFor("\"state of emergency\"");
        var body = "Protests spread on Tuesday. The government declared a state of emergency in Almaty. Flights resumed later.";

        var match = Assert.Single(matcher.Match(BuiltinRuleTests.Story(body), []));
        var snippet = Assert.Single(match.Snippets);

        Assert.Equal("The government declared a state of emergency in Almaty.", snippet.Text);
        Assert.Equal("The government declared a **state of emergency** in Almaty.", snippet.Marked);
        Assert.True(match.Score > 0);
    }

    [Fact]
    public void At_most_three_snippets_are_kept_in_article_order()
    {
        var matcher = MatcherFor("troops");
        var body = string.Join(' ', Enumerable.Range(1, 6).Select(i => $"Sentence {i} mentions troops."));

        var match = Assert.Single(matcher.Match(BuiltinRuleTests.Story(body), []));

        Assert.Equal(3, match.Snippets.Count);
        Assert.Equal(["Sentence 1 mentions **troops**.", "Sentence 2 mentions **troops**.", "Sentence 3 mentions **troops**."], match.Snippets.Select(s => s.Marked));
    }

    [Fact]
    public void Snippets_encode_text_but_not_the_markers()
    {
        var snippet = new Snippet("<b>troops</b> & tanks", [new Highlight(3, 6)]);
        Assert.Equal("&lt;b&gt;<mark>troops</mark>&lt;/b&gt; &amp; tanks", snippet.Mark("<mark>", "</mark>", System.Net.WebUtility.HtmlEncode));
    }

    [Fact]
    public void Entity_fields_are_searchable()
    {
        var matcher = MatcherFor("location:almaty AND person:tokayev");
        var article = BuiltinRuleTests.Story("The president spoke in the city.");
        Entity[] entities =
        [
            new("Almaty", EntityCategory.Location, EntityCategory.Subcategories.GPE, 0, 6, 0.9),
            new("Kassym-Jomart Tokayev", EntityCategory.Person, null, 10, 21, 0.9),
        ];

        Assert.Single(matcher.Match(article, entities));
        Assert.Empty(matcher.Match(article, []));
    }

    [Fact]
    public void Title_field_restricts_to_the_headline()
    {
        var matcher = MatcherFor("title:earthquake");
        Assert.Single(matcher.Match(BuiltinRuleTests.Story("Buildings fell.", "Earthquake hits city"), []));
        Assert.Empty(matcher.Match(BuiltinRuleTests.Story("An earthquake hit.", "City news"), []));
    }

    [Fact]
    public void Terms_are_combined_with_and_by_default()
    {
        var matcher = MatcherFor("troops Almaty");
        Assert.Empty(matcher.Match(BuiltinRuleTests.Story("Troops arrived in Astana."), []));
        Assert.Single(matcher.Match(BuiltinRuleTests.Story("Troops arrived in Almaty."), []));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"unclosed phrase")]
    [InlineData("(troops AND")]
    [InlineData("*arrive")]
    [InlineData("title:")]
    [InlineData("\"no-fly zone\"")]
    [InlineData("\"(troops soldiers) (air-lifted deployed)\"~3")]
    public void Bad_queries_are_refused_with_a_message(string query)
    {
        Assert.False(RuleQuery.TryValidate(query, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_bad_rule_in_a_file_is_reported_and_the_others_load()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "mine.json"), """
                [
                  { "id": "good-rule", "title": "Good", "severity": "low", "query": "cholera outbreak" },
                  { "id": "bad-rule", "title": "Bad", "severity": "low", "query": "\"unclosed" },
                  { "id": "Bad Id", "title": "Bad id", "severity": "low", "query": "x" },
                  { "id": "state-of-emergency", "title": "Dup", "severity": "low", "query": "x" }
                ]
                """);
            var loaded = RuleLoader.Combine(RuleLoader.LoadBuiltin(), RuleLoader.LoadPath(dir.FullName));

            Assert.Contains(loaded.Rules, r => r.Rule.Id == "good-rule");
            Assert.DoesNotContain(loaded.Rules, r => r.Rule.Id == "bad-rule");
            Assert.Equal(3, loaded.Errors.Count);
            Assert.Contains(loaded.Errors, e => e.Contains("bad-rule", StringComparison.Ordinal));
            Assert.Contains(loaded.Errors, e => e.Contains("defined twice", StringComparison.Ordinal));
            Assert.Equal("State of emergency declared", loaded.Rules.Single(r => r.Rule.Id == "state-of-emergency").Rule.Title);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_large_rule_file_loads_in_file_order_with_the_first_of_two_ids_kept()
    {
        // Past a few hundred rules the loader compiles on every core; results must read as a sequential load.
        var rules = Enumerable.Range(0, 600).Select(i => i switch
        {
            10 => new WatchRule { Id = "rule-5", Title = "Second rule-5", Severity = Severity.Low, Query = "troops" },
            20 => new WatchRule { Id = "rule-20", Title = "Broken", Severity = Severity.Low, Query = "\"unclosed" },
            30 => new WatchRule { Id = "rule-20", Title = "Second rule-20", Severity = Severity.Low, Query = "soldiers" },
            _ => new WatchRule { Id = $"rule-{i}", Title = $"Rule {i}", Severity = Severity.Low, Query = $"troops AND word{i}" },
        }).ToList();
        var result = new RuleLoadResult();

        RuleLoader.Add(rules, "big.json", result);

        Assert.Equal(598, result.Rules.Count);
        Assert.Equal("Rule 5", result.Rules.Single(r => r.Rule.Id == "rule-5").Rule.Title);
        Assert.Equal("Second rule-20", result.Rules.Single(r => r.Rule.Id == "rule-20").Rule.Title);
        Assert.Equal([.. rules.Select(r => r.Id).Where((_, i) => i is not 10 and not 20)], result.Rules.Select(r => r.Rule.Id));
        Assert.Collection(result.Errors,
            e => Assert.Contains("'rule-5' is defined twice", e, StringComparison.Ordinal),
            e => Assert.Contains("rule-20", e, StringComparison.Ordinal));
    }
}
