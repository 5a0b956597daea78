using System.Diagnostics;
using System.Globalization;
using Alerts.Rules;

namespace Alerts.Benchmarks;

/// <summary>
/// <c>-- stats</c>: what the generated rule sets look like to the presearcher (rules always run, candidates per
/// article, matches), the load time, and a quick single-pass timing. Not a benchmark: a sanity check of the inputs.
/// </summary>
internal static class RuleSetStats
{
    public static void Print(IEnumerable<int> sizes)
    {
        var corpus = Corpus.Load();
        foreach (var size in sizes)
        {
            var watch = Stopwatch.StartNew();
            var rules = RuleGenerator.Compile(RuleGenerator.Generate(size));
            var compile = watch.Elapsed;
            watch.Restart();
            var presearcher = new Presearcher(rules);
            var index = watch.Elapsed;
            var matcher = new RuleMatcher(rules);
            var candidates = new List<int>();
            var probed = new List<int>();
            var matches = new List<int>();
            watch.Restart();
            for (var i = 0; i < corpus.Articles.Count; i++)
            {
                candidates.Add(presearcher.Candidates(new ArticlePositions(corpus.Articles[i], corpus.Entities[i]), out var n).Count);
                probed.Add(n);
                matches.Add(matcher.Match(corpus.Articles[i], corpus.Entities[i]).Count);
            }
            var pass = watch.Elapsed;
            var plain = new RuleMatcher(rules, presearch: false);
            var warm = new List<double>();
            var cpu = new List<double>();
            foreach (var m in (RuleMatcher[])[matcher, plain])
            {
                var articles = size >= 100_000 && m == plain ? 2 : corpus.Articles.Count;
                var rounds = m == plain ? 2 : 5;
                var process = Process.GetCurrentProcess();
                for (var round = 0; round < rounds; round++)
                {
                    // The last round counts; CPU time is the steadier figure when other processes share the cores.
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    watch.Restart();
                    for (var i = 0; i < articles; i++)
                    {
                        m.Match(corpus.Articles[i], corpus.Entities[i]);
                    }
                    process.Refresh();
                    if (round == rounds - 1)
                    {
                        warm.Add(watch.Elapsed.TotalMilliseconds / articles);
                        cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / articles);
                    }
                }
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,7} rules: compiled in {compile.TotalSeconds:F1} s, presearcher built in {index.TotalMilliseconds:F0} ms, {presearcher.AlwaysCount} always run; " +
                $"{rules.Count(r => r.Direct is null)} run in Lucene; per article: found by the index {string.Join('/', probed)}, candidates {string.Join('/', candidates)}, matches {string.Join('/', matches)} ({pass.TotalMilliseconds / corpus.Articles.Count:F2} ms per article, one cold pass); warm: {warm[0]:F2} ms ({cpu[0]:F2} ms CPU) per article with the presearcher, {warm[1]:F2} ms ({cpu[1]:F2} ms CPU) running every rule"));
        }
    }
}
