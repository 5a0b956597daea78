using Lucene.Net.Index;
using Lucene.Net.QueryParsers.ComplexPhrase;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Alerts.Rules;

/// <summary>
/// A rule's query evaluated straight against an article's <see cref="ArticlePositions"/>, without a Lucene index:
/// terms, exact phrases, ordered proximity groups (<c>"(troops soldiers) (arrived landed)"~3</c>), booleans and fields.
/// It decides exactly what Lucene decides for these clause kinds (a property test holds it to Lucene); queries with
/// any other kind (wildcards, regular expressions, fuzzy terms, sloppy plain phrases, boosts) get no direct form and
/// run in Lucene.
/// </summary>
internal abstract class DirectQuery
{
    public abstract bool Matches(ArticlePositions article);

    /// <summary>The direct form of <paramref name="query"/>, or null if it holds a clause only Lucene runs.</summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="rewrite">Rewrites a query as Lucene does before it runs (complex phrases become span queries).</param>
    public static DirectQuery? Of(Query query, Func<Query, Query> rewrite)
    {
        if (!Supported(query))
        {
            return null;
        }
        try
        {
            return Build(rewrite(query));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Only clause kinds whose rewrite does not depend on the article's terms.</summary>
    private static bool Supported(Query query) => query.Boost == 1f && query switch
    {
        TermQuery t => Known(t.Term.Field),
        PhraseQuery p => p.Slop == 0 && p.GetTerms().Length > 0 && Known(p.GetTerms()[0].Field),
        BooleanQuery b => b.MinimumNumberShouldMatch == 0 && b.Clauses.All(c => Supported(c.Query)),
        ComplexPhraseQueryParser.ComplexPhraseQuery c => Known(c.Field) && RequiredTerms.PhraseContents(c) is { } contents && PhrasePart(contents, top: true),
        _ => false,
    };

    /// <summary>Inside a complex phrase: plain terms and groups of them, nothing negated.</summary>
    private static bool PhrasePart(Query query, bool top) => query.Boost == 1f && query switch
    {
        TermQuery => true,
        BooleanQuery b when top || b.Clauses.All(c => c.Query is TermQuery) => b.MinimumNumberShouldMatch == 0 && b.Clauses.All(c => c.Occur != Occur.MUST_NOT && PhrasePart(c.Query, top: false)),
        _ => false,
    };

    private static bool Known(string field) => RuleFields.All.Contains(field);

    private static DirectQuery? Build(Query query)
    {
        if (query.Boost != 1f)
        {
            return null;
        }
        switch (query)
        {
            case TermQuery t:
                return new TermNode(t.Term.Field, t.Term.Text);
            case PhraseQuery p when p.Slop == 0:
                var terms = p.GetTerms();
                return terms.Length == 1
                    ? new TermNode(terms[0].Field, terms[0].Text)
                    : new PhraseNode(terms[0].Field, [.. terms.Select(x => x.Text)], p.GetPositions());
            case SpanTermQuery s:
                return new NearNode(s.Field, [[s.Term.Text]], 0);
            case SpanOrQuery s when s.GetClauses().All(c => c is SpanTermQuery):
                return new NearNode(s.Field, [[.. s.GetClauses().Select(c => ((SpanTermQuery)c).Term.Text)]], 0);
            case SpanNearQuery near when near.IsInOrder && near.GetClauses().All(OneWord):
                return new NearNode(near.Field, [.. near.GetClauses().Select(Alternatives)], near.Slop);
            case BooleanQuery b when b.MinimumNumberShouldMatch == 0:
                var must = new List<DirectQuery>();
                var should = new List<DirectQuery>();
                var not = new List<DirectQuery>();
                foreach (var clause in b.Clauses)
                {
                    if (Build(clause.Query) is not { } built)
                    {
                        return null;
                    }
                    (clause.Occur == Occur.MUST ? must : clause.Occur == Occur.SHOULD ? should : not).Add(built);
                }
                return new BooleanNode([.. must], [.. should], [.. not]);
            default:
                return null;
        }
    }

    /// <summary>A span clause that covers one position: a term, or a choice of terms.</summary>
    private static bool OneWord(SpanQuery clause) => clause.Boost == 1f && clause switch
    {
        SpanTermQuery => true,
        SpanOrQuery o => o.GetClauses().All(x => x is SpanTermQuery && x.Boost == 1f),
        _ => false,
    };

    private static string[] Alternatives(SpanQuery clause) => clause switch
    {
        SpanTermQuery t => [t.Term.Text],
        SpanOrQuery o => [.. o.GetClauses().Select(c => ((SpanTermQuery)c).Term.Text)],
        _ => throw new NotSupportedException(),
    };

    private sealed class TermNode(string field, string text) : DirectQuery
    {
        public override bool Matches(ArticlePositions article) => article.Contains(field, text);
    }

    /// <summary>An exact phrase: each term at its offset from the first.</summary>
    private sealed class PhraseNode(string field, string[] terms, int[] offsets) : DirectQuery
    {
        public override bool Matches(ArticlePositions article)
        {
            var lists = new List<int>?[terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                if ((lists[i] = article.Positions(field, terms[i])) is null)
                {
                    return false;
                }
            }
            foreach (var p in lists[0]!)
            {
                var all = true;
                for (var i = 1; i < terms.Length && all; i++)
                {
                    all = lists[i]!.BinarySearch(p - offsets[0] + offsets[i]) >= 0;
                }
                if (all)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// Lucene's ordered span-near of one-word clauses: positions p1 &lt; p2 &lt; … &lt; pn, one per clause, with at most
    /// <c>slop</c> words between them in all (pn − p1 − (n − 1) ≤ slop). For each start, taking each next clause at
    /// its earliest position after the previous gives the shortest stretch.
    /// </summary>
    private sealed class NearNode(string field, string[][] clauses, int slop) : DirectQuery
    {
        public override bool Matches(ArticlePositions article)
        {
            var positions = new List<int>[clauses.Length];
            for (var i = 0; i < clauses.Length; i++)
            {
                List<int>? merged = null;
                foreach (var term in clauses[i])
                {
                    if (article.Positions(field, term) is not { } list)
                    {
                        continue;
                    }
                    if (merged is null)
                    {
                        merged = list;
                    }
                    else
                    {
                        var union = new List<int>(merged.Count + list.Count);
                        union.AddRange(merged);
                        union.AddRange(list);
                        union.Sort();
                        merged = union;
                    }
                }
                if (merged is null)
                {
                    return false;
                }
                positions[i] = merged;
            }
            foreach (var start in positions[0])
            {
                var at = start;
                var ok = true;
                for (var i = 1; i < positions.Length && ok; i++)
                {
                    var next = positions[i].BinarySearch(at + 1);
                    next = next >= 0 ? next : ~next;
                    ok = next < positions[i].Count;
                    if (ok)
                    {
                        at = positions[i][next];
                    }
                }
                if (!ok)
                {
                    // Later starts only push the stretch further right: no clause has a position left.
                    return false;
                }
                if (at - start - (positions.Length - 1) <= slop)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Lucene's boolean: every MUST, no MUST_NOT, and at least one SHOULD when there is no MUST.</summary>
    private sealed class BooleanNode(DirectQuery[] must, DirectQuery[] should, DirectQuery[] not) : DirectQuery
    {
        public override bool Matches(ArticlePositions article)
        {
            if (must.Length == 0 && should.Length == 0)
            {
                return false;
            }
            foreach (var q in must)
            {
                if (!q.Matches(article))
                {
                    return false;
                }
            }
            foreach (var q in not)
            {
                if (q.Matches(article))
                {
                    return false;
                }
            }
            if (must.Length > 0)
            {
                return true;
            }
            foreach (var q in should)
            {
                if (q.Matches(article))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
