using System.Diagnostics;
using System.Globalization;
using Alerts.Rules;

namespace Alerts.Benchmarks;

/// <summary>
/// <c>-- load N...</c>: where the time to load N generated rules goes: parsing (Lucene's query parser, one thread),
/// the presearcher's conditions, the whole compile as the rule loader runs it (spread over the cores), and building
/// the matcher; with the memory the compiled rules and the matcher hold per rule. Each step is given as wall time and
/// as CPU time of the process: on a shared machine the CPU time is the steadier figure.
/// </summary>
internal static class LoadProfile
{
    public static void Print(IEnumerable<int> sizes)
    {
        RuleGenerator.Compile(RuleGenerator.Generate(1000)); // JIT
        foreach (var size in sizes)
        {
            var rules = RuleGenerator.Generate(size);
            var parse = Measure(() =>
            {
                foreach (var rule in rules)
                {
                    RuleQuery.Parse(rule.Query, out _);
                }
            });
            var parsed = rules.Select(r => RuleQuery.Parse(r.Query)).ToList();
            var conditions = Measure(() => parsed.ForEach(q => RequiredTerms.Of(q)));
            parsed = null;
            var before = GC.GetTotalMemory(forceFullCollection: true);
            IReadOnlyList<CompiledRule> compiled = [];
            var compile = Measure(() => compiled = RuleGenerator.Compile(rules));
            var afterCompile = GC.GetTotalMemory(forceFullCollection: true);
            RuleMatcher? matcher = null;
            var build = Measure(() => matcher = new RuleMatcher(compiled));
            var afterMatcher = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(matcher);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{size,7} rules: parse (one thread) {parse}; presearch conditions {conditions}; compile (loader, {Environment.ProcessorCount} cores) {compile}; " +
                $"matcher {build}; {(afterCompile - before) / 1024.0 / size:F2} KB per compiled rule + {(afterMatcher - afterCompile) / 1024.0 / size:F2} KB per rule in the matcher"));
        }
    }

    private static string Measure(Action action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        var wall = watch.Elapsed;
        process.Refresh();
        return string.Create(CultureInfo.InvariantCulture, $"{wall.TotalSeconds:F2} s ({(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU)");
    }
}
