using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Alerts.Rules;

/// <summary>
/// English analysis for rules and articles: standard tokens, possessives dropped, lower case, accents folded,
/// Porter stemming ("arrivals", "arrived", "arriving" all become "arriv"). No stop words are removed, so a
/// phrase such as "state of emergency" keeps its "of" and matches only that exact wording. Text is read in its
/// <see cref="Alerts.Text.MatchingText"/> form (no invisible characters, no look-alike letters), with offsets that
/// still point into the original.
/// </summary>
public sealed class EnglishStemmingAnalyzer : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new MatchingCharFilter(reader);
}
