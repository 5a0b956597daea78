using System.Globalization;
using Alerts.Rules;
using Lucene.Net.Analysis.TokenAttributes;

namespace Alerts.Benchmarks;

/// <summary>
/// <c>-- termfreq folder...</c>: the document frequency of each analysed term over the <c>*.txt</c> files of the
/// folders, in the format of <c>src/Alerts.Core/Rules/TermFrequencies.txt</c> (terms in one text only are left out).
/// </summary>
internal static class TermFrequencies
{
    public static void Print(IEnumerable<string> folders, TextWriter output)
    {
        var files = folders.SelectMany(f => Directory.EnumerateFiles(f, "*.txt")).Order(StringComparer.Ordinal).ToList();
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var stream = RuleQuery.Analyzer.GetTokenStream(RuleFields.Text, File.ReadAllText(file));
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                seen.Add(term.ToString());
            }
            stream.End();
            foreach (var t in seen)
            {
                frequencies[t] = frequencies.GetValueOrDefault(t) + 1;
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# documents {files.Count}"));
        output.WriteLine("# Document frequency of each analysed term in eval/articles (see eval/README.md for sources and licences).");
        foreach (var (t, df) in frequencies.Where(kv => kv.Value > 1).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t}\t{df}"));
        }
    }
}
