using Alerts.Rules;

namespace Alerts.Tests.Rules;

/// <summary>The sentences shown as evidence are the ones that hold what the rule is about, not only a side condition.</summary>
public class EvidenceTests
{
    private static readonly RuleMatcher Builtin = new(RuleLoader.LoadBuiltin().Rules);

    [Fact]
    public void A_side_condition_alone_is_not_shown_as_evidence()
    {
        var body = "Authorities imposed a curfew in Almaty on Wednesday. Shops closed early. A state of emergency remains in force across the region.";

        var match = Assert.Single(Builtin.Match(BuiltinRuleTests.Story(body), []), m => m.Rule == "state-of-emergency");

        var snippet = Assert.Single(match.Snippets);
        Assert.Equal("A **state of emergency** remains **in force** across the region.", snippet.Marked);
    }

    [Fact]
    public void The_condition_is_still_marked_in_the_sentence_with_the_phrase()
    {
        var body = "The president declared a state of emergency on Wednesday. A curfew was imposed at night.";

        var match = Assert.Single(Builtin.Match(BuiltinRuleTests.Story(body), []), m => m.Rule == "state-of-emergency");

        Assert.Equal(["The president **declared** a **state of emergency** on Wednesday."], match.Snippets.Select(s => s.Marked));
    }

    [Fact]
    public void Rules_of_single_words_show_every_sentence_that_met_them()
    {
        var matcher = new RuleMatcher([new CompiledRule(new WatchRule { Id = "r", Title = "R", Severity = Severity.Low, Query = "troops AND almaty" })]);

        var match = Assert.Single(matcher.Match(BuiltinRuleTests.Story("Troops landed. They reached Almaty at dawn."), []));

        Assert.Equal(["**Troops** landed.", "They reached **Almaty** at dawn."], match.Snippets.Select(s => s.Marked));
    }
}
