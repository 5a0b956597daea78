using Alerts.Rules;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// Matching one article against N generated rules, with the presearcher (the default) and with the plain loop that
/// runs every rule. One operation is one article (the corpus is matched in turn); entities are extracted beforehand.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class MatchingBenchmarks
{
    private Corpus _corpus = null!;
    private RuleMatcher _presearch = null!;
    private RuleMatcher _plain = null!;

    [Params(10, 1_000, 10_000, 100_000)]
    public int Rules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Corpus.Load();
        var generated = RuleGenerator.Generate(Rules);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rules = RuleGenerator.Compile(generated);
        _presearch = new RuleMatcher(rules, presearch: true);
        var loaded = watch.Elapsed;
        var perRule = (GC.GetTotalMemory(forceFullCollection: true) - before) / (double)Rules;
        _plain = new RuleMatcher(rules, presearch: false);
        var presearcher = new Presearcher(rules);
        var candidates = _corpus.Articles.Select((a, i) => presearcher.Candidates(new ArticlePositions(a, _corpus.Entities[i])).Count).ToList();
        var matches = _corpus.Articles.Select((a, i) => _presearch.Match(a, _corpus.Entities[i]).Count).ToList();
        Console.WriteLine(System.FormattableString.Invariant(
            $"// {Rules} rules: compiled and indexed in {loaded.TotalSeconds:F1} s, {perRule / 1024:F1} KB per rule, {rules.Count(r => r.Direct is null)} run in Lucene; candidates per article {string.Join(", ", candidates)}; matches per article {string.Join(", ", matches)}"));
    }

    [Benchmark(OperationsPerInvoke = Corpus.Count, Description = "Presearcher")]
    public int Presearch() => MatchAll(_presearch);

    [Benchmark(OperationsPerInvoke = Corpus.Count, Description = "Every rule")]
    public int EveryRule() => MatchAll(_plain);

    private int MatchAll(RuleMatcher matcher)
    {
        var count = 0;
        for (var i = 0; i < _corpus.Articles.Count; i++)
        {
            count += matcher.Match(_corpus.Articles[i], _corpus.Entities[i]).Count;
        }
        return count;
    }
}
