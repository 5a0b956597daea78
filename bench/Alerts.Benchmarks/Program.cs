using System.Globalization;
using Alerts.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Alerts.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Alerts.Benchmarks -- stats [sizes...]
// dotnet run -c Release --project bench/Alerts.Benchmarks -- load [sizes...]
// dotnet run -c Release --project bench/Alerts.Benchmarks -- rules N > rules.json
// dotnet run -c Release --project bench/Alerts.Benchmarks -- termfreq eval/articles > src/Alerts.Core/Rules/TermFrequencies.txt
if (args is ["stats", .. var sizes])
{
    RuleSetStats.Print(sizes.Length == 0 ? [10, 1_000, 10_000, 100_000] : sizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
    return;
}
if (args is ["load", .. var loadSizes])
{
    LoadProfile.Print(loadSizes.Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
    return;
}
if (args is ["rules", var count])
{
    // The generated rules as a rule file, for `alerts analyze --rules` (bench/analyze/run.sh).
    var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true };
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(RuleGenerator.Generate(int.Parse(count, CultureInfo.InvariantCulture)), options));
    return;
}
if (args is ["termfreq", .. var folders])
{
    TermFrequencies.Print(folders, Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run(args);
