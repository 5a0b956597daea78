using Alerts.Rules;
using Lucene.Net.QueryParsers.ComplexPhrase;

namespace Alerts.Tests.Rules;

/// <summary>The presearcher indexes a rule by words every match must hold; a complex phrase gives its words too.</summary>
public class RequiredTermsTests
{
    [Theory]
    [InlineData("\"(troops soldiers) arrived\"~3", "(troops OR soldiers) AND arrived")]
    [InlineData("\"troop* (arrived landed)\"", "troop* AND (arrived OR landed)")]
    [InlineData("\"state of emergency\"~2 AND Almaty", "state AND of AND emergency AND Almaty")]
    public void A_complex_phrase_requires_the_words_of_each_of_its_positions(string phrase, string equivalent)
    {
        var required = RequiredTerms.Of(RuleQuery.Parse(phrase));

        // Null would mean "cannot tell": the rule would run on every article, and presearch would quietly do nothing.
        Assert.NotNull(required);
        Assert.Equal(Describe(RequiredTerms.Of(RuleQuery.Parse(equivalent))!), Describe(required));
    }

    [Fact]
    public void The_words_of_a_complex_phrase_are_read_through_public_api_of_lucene()
    {
        var phrase = Assert.IsType<ComplexPhraseQueryParser.ComplexPhraseQuery>(RuleQuery.Parse("\"(troops soldiers) arrived\"~3"), exactMatch: false);

        var contents = RequiredTerms.PhraseContents(phrase);

        Assert.Equal(2, Assert.IsType<Lucene.Net.Search.BooleanQuery>(contents).Clauses.Count);
    }

    private static string[] Describe(List<TermClause> clauses) =>
        [.. clauses.Select(c => string.Join(" | ", c.Terms.Select(t => $"{t.Field}:{t.Text}").Concat(c.Prefixes.Select(p => $"{p.Field}:{p.Text}*")).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];
}
