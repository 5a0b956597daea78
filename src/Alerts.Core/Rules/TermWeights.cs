using System.Globalization;

namespace Alerts.Rules;

/// <summary>
/// How common each analysed term is in news text: its document frequency in a background corpus, the repo's
/// <c>eval/articles</c> (121 published news texts), stored as <c>Rules/TermFrequencies.txt</c> and rebuilt with
/// <c>Alerts.Benchmarks termfreq eval/articles</c>. Terms seen in one text only are left out, so a term not listed counts
/// as rare. The presearcher indexes each rule by its rarest required condition.
/// </summary>
internal sealed class TermWeights
{
    private const string Resource = "Alerts.Rules.TermFrequencies.txt";

    /// <summary>Weight of a term the corpus does not list: rarer than any listed term.</summary>
    private const double Unlisted = 0.5;

    private readonly Dictionary<string, int> _frequencies;

    private TermWeights(Dictionary<string, int> frequencies, int documents)
    {
        _frequencies = frequencies;
        Documents = documents;
    }

    public static TermWeights Background { get; } = Load();

    /// <summary>Number of texts in the background corpus.</summary>
    public int Documents { get; }

    /// <summary>Number of background texts holding <paramref name="term"/> (an analysed term, e.g. <c>arriv</c>).</summary>
    public double Of(string term) => _frequencies.TryGetValue(term, out var df) ? df : Unlisted;

    /// <summary>
    /// How many articles would make a rule indexed by <paramref name="clause"/> a candidate: the sum over its alternatives.
    /// A prefix counts as present in every text (its expansions are not known at load).
    /// </summary>
    public double Cost(TermClause clause)
    {
        var cost = 0.0;
        foreach (var (_, text) in clause.Terms)
        {
            cost += Of(text);
        }
        return cost + (clause.Prefixes.Count * Documents);
    }

    /// <summary>Reads the <c>term TAB frequency</c> lines after a <c># documents N</c> header.</summary>
    internal static TermWeights Parse(TextReader reader)
    {
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 1;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("# documents ", StringComparison.Ordinal))
            {
                documents = int.Parse(line.AsSpan("# documents ".Length), CultureInfo.InvariantCulture);
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || tab <= 0)
            {
                continue;
            }
            frequencies[line[..tab]] = int.Parse(line.AsSpan(tab + 1), CultureInfo.InvariantCulture);
        }
        return new TermWeights(frequencies, documents);
    }

    private static TermWeights Load()
    {
        using var stream = typeof(TermWeights).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The resource {Resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
