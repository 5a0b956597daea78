using Lucene.Net.Index;
using Lucene.Net.QueryParsers.ComplexPhrase;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Alerts.Rules;

/// <summary>
/// For a query, a set of terms of which any matching document must contain at least one (Luwak's "term filter").
/// Null means "cannot tell" (a pure NOT, a wildcard or a regular expression): the query must always run.
/// </summary>
internal static class RequiredTerms
{
    // Lucene.Net keeps the parsed phrase of a complex phrase in a private field; it is what Rewrite turns into spans.
    private static readonly System.Reflection.FieldInfo? ComplexPhraseContents =
        typeof(ComplexPhraseQueryParser.ComplexPhraseQuery).GetField("contents", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);

    public static HashSet<Term>? Of(Query query) => query switch
    {
        TermQuery t => [t.Term],
        PhraseQuery p => p.GetTerms() is { Length: > 0 } terms ? [Best(terms.Select(t => new HashSet<Term> { t }))!.Single()] : null,
        BooleanQuery b => OfBoolean(b),
        ConstantScoreQuery { Query: { } inner } => Of(inner),
        ComplexPhraseQueryParser.ComplexPhraseQuery c => OfComplexPhrase(c),
        SpanTermQuery s => [s.Term],
        SpanOrQuery s => Union(s.GetClauses().Select(Of)),
        SpanNearQuery s => Best(s.GetClauses().Select(Of)),
        _ => null,
    };

    private static HashSet<Term>? OfBoolean(BooleanQuery query)
    {
        var required = query.Clauses.Where(c => c.Occur == Occur.MUST).Select(c => Of(c.Query)).ToList();
        if (required.Count > 0)
        {
            // Every MUST clause has to match, so the terms of any one of them will do: take the most selective.
            return Best(required);
        }
        var optional = query.Clauses.Where(c => c.Occur == Occur.SHOULD).Select(c => Of(c.Query)).ToList();
        // Only SHOULD clauses: at least one matches, so the document holds a term of one of them.
        return optional.Count == 0 ? null : Union(optional);
    }

    private static HashSet<Term>? OfComplexPhrase(ComplexPhraseQueryParser.ComplexPhraseQuery query)
    {
        if (ComplexPhraseContents?.GetValue(query) is not BooleanQuery positions)
        {
            return null;
        }
        // Each top-level clause is one position of the phrase and must be present; a group at a position
        // ("(troops soldiers)") is a choice, whatever operator it was parsed with.
        return Best(positions.Clauses.Where(c => c.Occur != Occur.MUST_NOT).Select(c => c.Query is BooleanQuery group
            ? Union(group.Clauses.Where(g => g.Occur != Occur.MUST_NOT).Select(g => Of(g.Query)))
            : Of(c.Query)));
    }

    private static HashSet<Term>? Union(IEnumerable<HashSet<Term>?> sets)
    {
        var union = new HashSet<Term>();
        foreach (var set in sets)
        {
            if (set is null)
            {
                return null;
            }
            union.UnionWith(set);
        }
        return union.Count == 0 ? null : union;
    }

    /// <summary>The most selective known set: fewest terms, then the longest (rarer) terms.</summary>
    private static HashSet<Term>? Best(IEnumerable<HashSet<Term>?> sets) =>
        sets.Where(s => s is { Count: > 0 })
            .OrderBy(s => s!.Count)
            .ThenByDescending(s => s!.Min(t => t.Text.Length))
            .FirstOrDefault();
}
