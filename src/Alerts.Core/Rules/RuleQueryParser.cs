using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.ComplexPhrase;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Alerts.Rules;

/// <summary>
/// The rules' query parser: Lucene's complex phrase parser with limits on the terms that expand, checked before Lucene
/// builds them (a regular expression's automaton is built, and can explode, inside the parser).
/// </summary>
internal sealed class RuleQueryParser(LuceneVersion version, string field, Analyzer analyzer) : ComplexPhraseQueryParser(version, field, analyzer)
{
    /// <summary>Letters a wildcard must start with: <c>a*</c> would match nearly every article.</summary>
    public const int MinWildcardPrefix = 3;

    protected override Query NewRegexpQuery(Term regexp)
    {
        if (RegexLimits.Check(regexp.Text) is { } error)
        {
            throw new RuleException("The query is refused: " + error);
        }
        return base.NewRegexpQuery(regexp);
    }

    protected override Query NewPrefixQuery(Term prefix)
    {
        CheckWildcard(prefix.Text + "*");
        return base.NewPrefixQuery(prefix);
    }

    protected override Query NewWildcardQuery(Term t)
    {
        CheckWildcard(t.Text);
        return base.NewWildcardQuery(t);
    }

    private static void CheckWildcard(string pattern)
    {
        var prefix = pattern.IndexOfAny(['*', '?']);
        if (prefix >= 0 && prefix < MinWildcardPrefix)
        {
            throw new RuleException($"The query is refused: the wildcard '{pattern}' needs at least {MinWildcardPrefix} letters before '*' or '?'; it would match almost every word.");
        }
    }
}
