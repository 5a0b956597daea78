using Alerts.Articles;
using Alerts.Entities;
using Alerts.Rules;

namespace Alerts.Tests.Rules;

/// <summary>
/// Rules decided from the article's term positions must give what Lucene gives: the same rules match, with the same
/// snippets, over random rules of every clause kind (terms, phrases, proximity groups in order, booleans with NOT,
/// fields, entity fields, and the wildcards and regular expressions that still run in Lucene).
/// </summary>
public class DirectMatchingPropertyTests
{
    private static readonly string[] Nouns = ["troops", "soldiers", "paratroopers", "protesters", "police", "state", "emergency", "airport", "flights", "curfew", "army", "convoy", "refugees"];
    private static readonly string[] Verbs = ["arrived", "landed", "deployed", "declared", "imposed", "detained", "closed", "cancelled", "fled", "crossed", "announced"];
    private static readonly string[] Places = ["Almaty", "Khartoum", "Kyiv", "Bamako", "Nur-Sultan", "Tbilisi"];
    private static readonly string[] Glue = ["the", "of", "in", "a", "to", "and", "on", "after"];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public void Direct_matching_finds_the_same_matches_and_snippets_as_Lucene(int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, 300).Select(i => RandomRule(random, i)).ToList();
        var direct = new RuleMatcher(rules);
        var lucene = new RuleMatcher(rules, presearch: false, direct: false);
        Assert.True(rules.Count(r => r.Direct is not null) > rules.Count / 2, "most rules are decided directly");

        var total = 0;
        for (var n = 0; n < 50; n++)
        {
            var article = RandomArticle(random, n % 7 == 0);
            Entity[] entities = [new(Places[random.Next(Places.Length)], EntityCategory.Location, null, 0, 1, 0.9), new("Tokayev", EntityCategory.Person, null, 0, 1, 0.9)];
            var expected = lucene.Match(article, entities).Select(m => (m.Rule, Snippets(m))).ToList();
            var actual = direct.Match(article, entities).Select(m => (m.Rule, Snippets(m))).ToList();
            Assert.Equal(expected, actual);
            total += expected.Count;
        }
        Assert.InRange(total, 20, 50 * rules.Count / 2);
    }

    [Theory]
    [InlineData("\"troops arrived\"~2", "Troops quickly then arrived.", true)]
    [InlineData("\"troops arrived\"~1", "Troops quickly then arrived.", false)]
    [InlineData("\"troops arrived\"~3", "Arrived troops.", false)]
    [InlineData("\"(troops soldiers) (arrived landed)\"~1", "Soldiers had landed.", true)]
    [InlineData("\"state of emergency\"", "The state of emergency.", true)]
    [InlineData("\"state of emergency\"", "The emergency of state.", false)]
    [InlineData("shoot-to-kill", "A shoot to kill order.", true)]
    [InlineData("troops AND NOT title:troops", "Troops arrived.", true)]
    [InlineData("location:Almaty AND person:Tokayev", "Nothing here.", true)]
    [InlineData("title:troops", "Troops arrived.", false)]
    public void Direct_matching_decides_each_clause_kind_as_Lucene_does(string query, string body, bool matches)
    {
        CompiledRule[] rules = [Compile(query, 0)];
        var article = new Article { Id = "a", Name = "a.txt", Format = ArticleFormat.Text, Title = "Report", Body = body };
        Entity[] entities = [new("Almaty", EntityCategory.Location, null, 0, 1, 0.9), new("Tokayev", EntityCategory.Person, null, 0, 1, 0.9)];

        Assert.NotNull(rules[0].Direct);
        Assert.Equal(matches, new RuleMatcher(rules).Match(article, entities).Count == 1);
        Assert.Equal(matches, new RuleMatcher(rules, presearch: false, direct: false).Match(article, entities).Count == 1);
    }

    private static string Snippets(RuleMatch match) => string.Join(" | ", match.Snippets.Select(s => s.Marked));

    private static CompiledRule Compile(string query, int i) =>
        new(new WatchRule { Id = $"r{i}", Title = $"Rule {i}", Severity = Severity.Medium, Query = query });

    private static CompiledRule RandomRule(Random random, int i)
    {
        string Noun() => Nouns[random.Next(Nouns.Length)];
        string Verb() => Verbs[random.Next(Verbs.Length)];
        string Word() => random.Next(3) switch { 0 => Noun(), 1 => Verb(), _ => Places[random.Next(Places.Length)] };
        string Clause() => random.Next(14) switch
        {
            0 or 1 => Word(),
            2 => $"\"{Noun()} {Verb()}\"~{random.Next(4)}",
            3 => $"\"({Noun()} {Noun()}) ({Verb()} {Verb()})\"~{random.Next(5)}",
            4 => $"\"{Noun()} {Noun()} {Verb()}\"~{random.Next(3)}",
            5 => $"({Word()} OR {Word()})",
            6 => $"title:{Word()}",
            7 => $"body:\"{Noun()} {Verb()}\"",
            8 => $"location:{Places[random.Next(Places.Length)]}",
            9 => random.Next(2) == 0 ? "person:Tokayev" : "organization:NATO",
            10 => $"\"{Noun()} of {Noun()}\"",
            11 => $"{Noun()}-{Verb()}",
            12 => Verb()[..4] + "*",
            _ => $"/{Noun()[..3]}[a-z]+/",
        };
        var query = random.Next(6) switch
        {
            0 => Clause(),
            1 => $"{Clause()} AND {Clause()}",
            2 => $"{Clause()} OR {Clause()}",
            3 => $"({Clause()} AND {Clause()}) OR ({Clause()} AND NOT {Clause()})",
            4 => $"{Clause()} {Clause()} {Clause()}",
            _ => $"{Clause()} AND NOT {Clause()}",
        };
        return Compile(query, i);
    }

    private static Article RandomArticle(Random random, bool noTitle)
    {
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(5, 14)).Select(_ => random.Next(5) switch
        {
            0 => Nouns[random.Next(Nouns.Length)],
            1 => Verbs[random.Next(Verbs.Length)],
            2 => Places[random.Next(Places.Length)],
            _ => Glue[random.Next(Glue.Length)],
        })) + ".";
        var body = string.Join(' ', Enumerable.Range(0, random.Next(2, 7)).Select(_ => Sentence()));
        return new Article { Id = ArticleParser.ComputeId(body), Name = "random.txt", Format = ArticleFormat.Text, Title = noTitle ? null : Sentence(), Body = body };
    }
}
