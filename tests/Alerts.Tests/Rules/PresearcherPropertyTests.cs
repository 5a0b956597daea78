using Alerts.Articles;
using Alerts.Entities;
using Alerts.Rules;
using Lucene.Net.Index.Memory;

namespace Alerts.Tests.Rules;

/// <summary>The presearcher only skips work: over random rule sets and articles it must find exactly what the plain loop finds.</summary>
public class PresearcherPropertyTests
{
    private static readonly string[] Nouns = ["troops", "soldiers", "paratroopers", "peacekeepers", "protesters", "police", "president", "ministry", "airport", "flights", "emergency", "state", "capital", "border", "refugees", "hospital", "election", "curfew", "army", "convoy"];
    private static readonly string[] Verbs = ["arrived", "landed", "deployed", "declared", "imposed", "detained", "killed", "closed", "cancelled", "fled", "crossed", "extended", "withdrew", "announced", "stormed"];
    private static readonly string[] Places = ["Almaty", "Khartoum", "Kyiv", "Bamako", "Nur-Sultan", "Tbilisi", "Yerevan"];
    private static readonly string[] Glue = ["the", "of", "in", "a", "to", "and", "on", "after", "with"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Presearch_finds_the_same_matches_as_running_every_rule(int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, 400).Select(i => RandomRule(random, i)).ToList();
        var withPresearch = new RuleMatcher(rules);
        var everyRule = new RuleMatcher(rules, presearch: false);

        var total = 0;
        for (var n = 0; n < 60; n++)
        {
            var article = RandomArticle(random);
            Entity[] entities = [new(Places[random.Next(Places.Length)], EntityCategory.Location, null, 0, 1, 0.9)];
            var expected = everyRule.Match(article, entities).Select(m => (m.Rule, m.Score)).ToList();
            var actual = withPresearch.Match(article, entities).Select(m => (m.Rule, m.Score)).ToList();
            Assert.Equal(expected, actual);
            total += expected.Count;
        }
        // The comparison means something only if rules do match, and only some of them.
        Assert.InRange(total, 20, 60 * rules.Count / 2);
    }

    /// <summary>
    /// Rules mixing words news text is full of ("the", "said", "troops") with rare ones, so the background frequencies
    /// pick the index term: a conjunction is found by its rarest clause only, NOT clauses never select, and still no
    /// match is lost.
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Presearch_by_the_rarest_term_loses_no_match(int seed)
    {
        string[] common = ["the", "said", "in", "troops", "arrived", "people", "police", "officials"];
        string[] rare = ["Almaty", "curfew", "paratroopers", "Khartoum", "convoy", "stormed", "ceasefire"];
        var random = new Random(seed);
        string Word() => random.Next(2) == 0 ? common[random.Next(common.Length)] : rare[random.Next(rare.Length)];
        string Clause() => random.Next(7) switch
        {
            0 or 1 => Word(),
            2 => $"({Word()} OR {Word()})",
            3 => $"\"{Word()} {Word()}\"",
            4 => $"\"({Word()} {Word()}) ({Word()} {Word()})\"~{random.Next(4)}",
            5 => $"title:{Word()}",
            _ => Word() is { Length: >= 4 } w ? w[..4] + "*" : Word(),
        };
        var rules = Enumerable.Range(0, 400).Select(i => Compile(random.Next(5) switch
        {
            0 => $"{Clause()} AND {Clause()}",
            1 => $"{Clause()} AND {Clause()} AND {Clause()}",
            2 => $"({Clause()} AND {Clause()}) OR {Clause()}",
            3 => $"{Clause()} AND NOT {Clause()}",
            _ => $"{Clause()} AND {Clause()} AND NOT ({Clause()} OR {Clause()})",
        }, i)).ToList();
        var withPresearch = new RuleMatcher(rules);
        var everyRule = new RuleMatcher(rules, presearch: false);

        var total = 0;
        for (var n = 0; n < 60; n++)
        {
            var words = Enumerable.Range(0, random.Next(10, 60)).Select(_ => random.Next(3) == 0 ? Glue[random.Next(Glue.Length)] : Word());
            var body = string.Join(' ', words) + ".";
            var article = new Article { Id = ArticleParser.ComputeId(body), Name = "random.txt", Format = ArticleFormat.Text, Title = Word() + " " + Word(), Body = body };
            var expected = everyRule.Match(article, []).Select(m => m.Rule).ToList();
            Assert.Equal(expected, withPresearch.Match(article, []).Select(m => m.Rule).ToList());
            total += expected.Count;
        }
        Assert.InRange(total, 20, 60 * rules.Count / 2);
    }

    [Theory]
    [InlineData("the AND Almaty", "The troops left the city.", 0)] // "the" is in nearly every text: the rule is found by "almaty" only
    [InlineData("the AND Almaty", "Troops reached Almaty.", 1)]
    [InlineData("troops AND NOT Almaty", "Almaty was quiet.", 0)] // a NOT clause never selects a rule
    [InlineData("(Almaty OR Kyiv) AND the", "Kyiv was quiet.", 1)] // every alternative of the chosen OR is indexed
    [InlineData("\"state of emergency\" AND curfew", "The state of the city.", 0)] // the rare "curfew", not the phrase's common words
    public void A_conjunction_is_indexed_by_its_rarest_clause(string query, string body, int found)
    {
        var presearcher = new Presearcher([Compile(query, 0)]);
        var article = new Article { Id = "a", Name = "a.txt", Format = ArticleFormat.Text, Body = body };

        presearcher.Candidates(new ArticlePositions(article, []), out var probed);

        Assert.Equal(found, probed);
    }

    [Fact]
    public void Background_frequencies_rank_common_news_words_above_rare_ones()
    {
        var weights = TermWeights.Background;
        Assert.True(weights.Documents > 100, $"{weights.Documents} background texts");
        Assert.True(weights.Of("the") > weights.Of("troop"));
        Assert.True(weights.Of("troop") > weights.Of("almati"));
    }

    [Fact]
    public void Presearch_runs_far_fewer_rules_than_the_rule_set()
    {
        var random = new Random(42);
        var rules = Enumerable.Range(0, 2000).Select(i => RandomRule(random, i, allowWildcards: false, allowOrOfAnds: false)).ToList();
        var presearcher = new Presearcher(rules);
        var article = RandomArticle(random);
        var index = new MemoryIndex();
        index.AddField(RuleFields.Text, (article.Title ?? "") + "\n\n" + article.Body, RuleQuery.Analyzer);
        index.AddField(RuleFields.Title, article.Title ?? "", RuleQuery.Analyzer);
        index.AddField(RuleFields.Body, article.Body, RuleQuery.Analyzer);

        var candidates = presearcher.Candidates(index);

        Assert.True(presearcher.AlwaysCount < rules.Count / 10, $"{presearcher.AlwaysCount} rules always run");
        Assert.True(candidates.Count < rules.Count / 2, $"{candidates.Count} of {rules.Count} rules are candidates");
    }

    [Theory]
    [InlineData("NOT troops")]
    [InlineData("/[0-9]{3,}/ OR detained")]
    [InlineData("*:*")]
    public void Rules_without_a_required_term_always_run(string query)
    {
        var presearcher = new Presearcher([Compile(query, 0)]);
        Assert.Equal(1, presearcher.AlwaysCount);
    }

    [Theory]
    [InlineData("deplo*", "Troops deployed to the capital.", true)] // "deployed" is indexed as "deploi"
    [InlineData("deplo*", "Troops arrived in the capital.", false)]
    [InlineData("troops OR depl*", "Soldiers arrived in the capital.", false)]
    [InlineData("\"state of emergency\" AND curfew", "A state of emergency was declared.", false)]
    [InlineData("\"state of emergency\" AND curfew", "A curfew and a state of emergency were declared.", true)]
    [InlineData("\"troops arrived\"~3", "Troops left; police arrived.", true)]
    [InlineData("\"troops arrived\"~3", "Police arrived.", false)]
    public void Every_required_condition_is_checked_before_a_rule_runs(string query, string body, bool candidate)
    {
        var presearcher = new Presearcher([Compile(query, 0)]);
        var index = new MemoryIndex();
        index.AddField(RuleFields.Text, body, RuleQuery.Analyzer);

        Assert.Equal(0, presearcher.AlwaysCount);
        Assert.Equal(candidate, presearcher.Candidates(index).Count == 1);
    }

    [Theory]
    [InlineData("troops AND NOT withdrawal")]
    [InlineData("\"state of emergency\"")]
    [InlineData("\"(troops soldiers) (arrived deploy*)\"~3")]
    [InlineData("title:earthquake OR body:quake")]
    [InlineData("(troops OR soldiers) AND Almaty")]
    public void Rules_with_required_terms_are_indexed_by_them(string query)
    {
        var presearcher = new Presearcher([Compile(query, 0)]);
        Assert.Equal(0, presearcher.AlwaysCount);
    }

    private static CompiledRule Compile(string query, int i) =>
        new(new WatchRule { Id = $"r{i}", Title = $"Rule {i}", Severity = Severity.Medium, Query = query });

    private static CompiledRule RandomRule(Random random, int i, bool allowWildcards = true, bool allowOrOfAnds = true)
    {
        string Word() => random.Next(3) switch { 0 => Nouns[random.Next(Nouns.Length)], 1 => Verbs[random.Next(Verbs.Length)], _ => Places[random.Next(Places.Length)] };
        string Clause() => random.Next(allowWildcards ? 9 : 8) switch
        {
            0 or 1 => Word(),
            2 => $"\"{Nouns[random.Next(Nouns.Length)]} {Verbs[random.Next(Verbs.Length)]}\"~{random.Next(4)}",
            3 => $"\"({Nouns[random.Next(Nouns.Length)]} {Nouns[random.Next(Nouns.Length)]}) ({Verbs[random.Next(Verbs.Length)]} {Verbs[random.Next(Verbs.Length)]})\"~{random.Next(5)}",
            4 => $"({Word()} OR {Word()})",
            5 => $"title:{Word()}",
            6 => $"location:{Places[random.Next(Places.Length)]}",
            7 => $"\"{Nouns[random.Next(Nouns.Length)]} of {Nouns[random.Next(Nouns.Length)]}\"",
            _ => Verbs[random.Next(Verbs.Length)][..4] + "*",
        };
        var query = random.Next(allowOrOfAnds ? 5 : 4) switch
        {
            0 => Clause(),
            1 => $"{Clause()} AND {Clause()}",
            2 => $"{Clause()} OR {Clause()}",
            // An OR of conjunctions: the presearcher distributes it into clauses that each must hold.
            4 => $"({Clause()} AND {Clause()}) OR ({Clause()} AND {Clause()} AND NOT {Clause()})",
            _ => $"{Clause()} AND NOT {Clause()}",
        };
        return Compile(query, i);
    }

    private static Article RandomArticle(Random random)
    {
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(6, 16)).Select(_ => random.Next(5) switch
        {
            0 => Nouns[random.Next(Nouns.Length)],
            1 => Verbs[random.Next(Verbs.Length)],
            2 => Places[random.Next(Places.Length)],
            _ => Glue[random.Next(Glue.Length)],
        })) + ".";
        var body = string.Join(' ', Enumerable.Range(0, random.Next(2, 8)).Select(_ => Sentence()));
        return new Article { Id = ArticleParser.ComputeId(body), Name = "random.txt", Format = ArticleFormat.Text, Title = Sentence(), Body = body };
    }
}
