using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Text;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Rules;

/// <summary>Invisible characters and look-alike letters inside a word neither hide a story from a rule nor show up changed in its snippet.</summary>
public class EvasionTests
{
    private static RuleMatcher MatcherFor(string query) =>
        new([new CompiledRule(new WatchRule { Id = "r", Title = "Rule", Severity = Severity.High, Query = query })]);

    public static TheoryData<string, string> HiddenState => new()
    {
        { "zero-width space", "st\u200Bate" },
        { "zero-width non-joiner", "sta\u200Cte" },
        { "zero-width joiner", "stat\u200De" },
        { "word joiner", "s\u2060tate" },
        { "byte-order mark", "sta\uFEFFte" },
        { "soft hyphen", "sta\u00ADte" },
        { "bidi isolate around the word", "\u2066state\u2069" },
        { "bidi override inside the word", "st\u202Eat\u202Ce" },
        { "left-to-right marks", "\u200Estate\u200E" },
        { "Cyrillic dze", "\u0455tate" },
        { "Cyrillic a and ie", "st\u0430t\u0435" },
        { "Greek alpha", "st\u03B1te" },
        { "mathematical bold", "\U0001D42C\U0001D42D\U0001D41A\U0001D42D\U0001D41E" },
        { "fullwidth", "\uFF53\uFF54\uFF41\uFF54\uFF45" },
        { "Cyrillic capital in a capitalised word", "\u0405TATE" },
    };

    [Theory]
    [MemberData(nameof(HiddenState))]
    public void A_disguised_word_still_matches_and_its_snippet_shows_the_original_text(string form, string state)
    {
        var sentence = $"The government declared a {state} of emergency in Almaty.";
        var body = "Protests spread on Tuesday. " + sentence + " Flights resumed later.";

        var matches = MatcherFor("\"state of emergency\"").Match(BuiltinRuleTests.Story(body), []);

        var match = Assert.Single(matches);
        var snippet = Assert.Single(match.Snippets);
        Assert.Equal(sentence, snippet.Text);
        var marked = Assert.Single(snippet.Highlights);
        var highlighted = snippet.Text.Substring(marked.Offset, marked.Length);
        Assert.Equal($"{Visible(state)} of emergency", Visible(highlighted));
        Assert.False(IsBidiMark(highlighted[0]) || IsBidiMark(highlighted[^1]), form);
    }

    private static bool IsBidiMark(char c) => c is '\u2066' or '\u2069' or '\u200E';

    private static string Visible(string text) => string.Concat(text.Where(c => !IsBidiMark(c)));

    [Fact]
    public void A_word_that_mixes_scripts_only_by_hidden_letters_is_flagged_in_place()
    {
        var body = "Troops were sent. Authorities imposed a \u0455tate of emergency.";

        var match = Assert.Single(MatcherFor("\"state of emergency\"").Match(BuiltinRuleTests.Story(body), []));

        Assert.Equal("Authorities imposed a **\u0455tate of emergency**.", match.Snippets[0].Marked);
    }

    [Fact]
    public void The_builtin_state_of_emergency_rule_sees_publisher_soft_hyphens()
    {
        var body = "The president declared a state of emer\u00ADgency in the capital on Wednesday.";
        var matcher = new RuleMatcher(RuleLoader.LoadBuiltin().Rules);

        var match = Assert.Single(matcher.Match(BuiltinRuleTests.Story(body), []), m => m.Rule == "state-of-emergency");

        Assert.Contains("**state of emer\u00ADgency**", match.Snippets[0].Marked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0415\u0435 \u041E\u0421\u0410 \u0443\u043A\u0443\u0441\u0438\u043B\u0430.")] // "Ее ОСА укусила." — every letter of "ОСА" looks Latin
    [InlineData("\u0391\u0398\u0397\u039D\u0391")] // "ΑΘΗΝΑ"
    [InlineData("\u0441\u043E\u0440 \u0440\u0435\u0441\u0430")]
    public void A_word_wholly_in_another_script_is_not_folded(string text)
    {
        Assert.Equal(text, MatchingText.Fold(text).Text);
    }

    [Fact]
    public void A_genuine_Cyrillic_word_is_matched_as_Cyrillic_only()
    {
        var story = BuiltinRuleTests.Story("\u041E\u0421\u0410 \u0443\u043A\u0443\u0441\u0438\u043B\u0430 \u0440\u0435\u0431\u0451\u043D\u043A\u0430.");

        Assert.Single(MatcherFor("\u043E\u0441\u0430").Match(story, []));
        Assert.Empty(MatcherFor("oca").Match(story, []));
    }

    [Fact]
    public void Folding_keeps_a_map_back_to_the_original_offsets()
    {
        var original = "a \U0001D42C\U0001D42D\u00ADate b";

        var folded = MatchingText.Fold(original);

        Assert.Equal("a state b", folded.Text);
        Assert.Equal(2, folded.ToOriginal(2));
        Assert.Equal(4, folded.ToOriginal(3));
        Assert.Equal(original.IndexOf(" b", StringComparison.Ordinal), folded.ToOriginal(7));
        Assert.Equal(original.Length, folded.ToOriginal(folded.Text.Length));
    }

    [Fact]
    public void Text_with_nothing_to_fold_is_returned_as_is()
    {
        const string text = "Plain copy, with “quotes”, Zoë and Москва.";
        var folded = MatchingText.Fold(text);
        Assert.Same(text, folded.Text);
        Assert.Equal(10, folded.ToOriginal(10));
    }

    [Fact]
    public async Task Entity_extraction_and_the_stored_article_keep_the_original_text()
    {
        var body = "The government declared a st\u200B\u0430te of emergency in Almaty on Wednesday.";
        var article = BuiltinRuleTests.Story(body);
        var extractor = new RecordingExtractor();
        var rules = RuleCatalogFor("\"state of emergency\"");
        var analyzer = new ArticleAnalyzer(extractor, rules, new FakeTimeProvider());

        var analysis = await analyzer.AnalyzeAsync(article, CancellationToken.None);

        Assert.Equal(body, extractor.Seen);
        Assert.Equal(body, analysis.Article.Body);
        Assert.Single(analysis.Matches);
        Assert.Contains("**st\u200B\u0430te of emergency**", analysis.Matches[0].Snippets[0].Marked, StringComparison.Ordinal);
    }

    private static RuleCatalog RuleCatalogFor(string query)
    {
        var rules = new RuleLoadResult();
        rules.Rules.Add(new CompiledRule(new WatchRule { Id = "r", Title = "Rule", Severity = Severity.High, Query = query }));
        return new RuleCatalog(rules);
    }

    private sealed class RecordingExtractor : IEntityExtractor
    {
        public string? Seen { get; private set; }

        public Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
        {
            Seen = text;
            return Task.FromResult(new EntityExtraction { Entities = [], Extractor = "recording" });
        }
    }
}
