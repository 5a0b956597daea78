using Lucene.Net.Index;
using Lucene.Net.QueryParsers.ComplexPhrase;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Alerts.Rules;

/// <summary>
/// One condition any matching document meets: it holds one of <see cref="Terms"/>, or a term starting with one of
/// <see cref="Prefixes"/>.
/// </summary>
internal sealed class TermClause
{
    /// <summary>Field and text of each term (kept as strings: Lucene.Net's <see cref="Term.Text"/> decodes on each call).</summary>
    public HashSet<(string Field, string Text)> Terms { get; } = [];

    public HashSet<(string Field, string Text)> Prefixes { get; } = [];

    public int Count => Terms.Count + Prefixes.Count;

    public static TermClause Of(Term term, bool prefix = false)
    {
        var clause = new TermClause();
        (prefix ? clause.Prefixes : clause.Terms).Add((term.Field, term.Text));
        return clause;
    }

    public static TermClause Union(IEnumerable<TermClause> clauses)
    {
        var union = new TermClause();
        foreach (var clause in clauses)
        {
            union.Terms.UnionWith(clause.Terms);
            union.Prefixes.UnionWith(clause.Prefixes);
        }
        return union;
    }
}

/// <summary>
/// For a query, conditions every matching document meets (Luwak's term filter, kept as a conjunction as in Lucene
/// Monitor's multipass presearcher): a list of <see cref="TermClause"/>s, all of which hold for any match.
/// Null means "cannot tell" (a pure NOT, a regular expression, a wildcard with no literal prefix): the query must
/// always run. Every clause is a necessary condition, never a sufficient one, so filtering on them changes no result.
/// </summary>
internal static class RequiredTerms
{
    /// <summary>Above this many clauses, an OR of conjunctions keeps one clause (the union of each side's best).</summary>
    private const int MaxDistributedClauses = 16;

    public static List<TermClause>? Of(Query query) => query switch
    {
        TermQuery t => [TermClause.Of(t.Term)],
        PrefixQuery p => p.Prefix.Text.Length > 0 ? [TermClause.Of(p.Prefix, prefix: true)] : null,
        WildcardQuery w => LiteralPrefix(w.Term) is { } prefix ? [TermClause.Of(prefix, prefix: true)] : null,
        PhraseQuery p => p.GetTerms() is { Length: > 0 } terms ? [.. terms.Select(t => TermClause.Of(t))] : null,
        BooleanQuery b => OfBoolean(b),
        ConstantScoreQuery { Query: { } inner } => Of(inner),
        ComplexPhraseQueryParser.ComplexPhraseQuery c => OfComplexPhrase(c),
        SpanTermQuery s => [TermClause.Of(s.Term)],
        SpanOrQuery s => Or(s.GetClauses().Select(Of)),
        SpanNearQuery s => And(s.GetClauses().Select(Of)),
        _ => null,
    };

    /// <summary>
    /// The clause to index a rule by: the one whose alternatives are rarest together in the background corpus
    /// (<see cref="TermWeights"/>), so the rule is a candidate for the fewest articles; then the fewest alternatives,
    /// then the longest terms.
    /// </summary>
    public static TermClause Best(IEnumerable<TermClause> clauses)
    {
        TermClause? best = null;
        var bestCost = double.MaxValue;
        foreach (var clause in clauses)
        {
            var cost = TermWeights.Background.Cost(clause);
            if (best is null || cost < bestCost || (cost == bestCost && Shorter(clause, best)))
            {
                best = clause;
                bestCost = cost;
            }
        }
        return best ?? throw new ArgumentException("No clause to choose from.", nameof(clauses));
    }

    private static bool Shorter(TermClause clause, TermClause than) =>
        clause.Count < than.Count || (clause.Count == than.Count && MinLength(clause) > MinLength(than));

    private static int MinLength(TermClause clause)
    {
        var min = int.MaxValue;
        foreach (var (_, text) in clause.Terms)
        {
            min = Math.Min(min, text.Length);
        }
        foreach (var (_, text) in clause.Prefixes)
        {
            min = Math.Min(min, text.Length);
        }
        return min;
    }

    private static List<TermClause>? OfBoolean(BooleanQuery query)
    {
        var required = query.Clauses.Where(c => c.Occur == Occur.MUST).Select(c => Of(c.Query)).ToList();
        if (required.Count > 0)
        {
            // Every MUST clause has to match, so the conditions of each of them hold.
            return And(required);
        }
        var optional = query.Clauses.Where(c => c.Occur == Occur.SHOULD).Select(c => Of(c.Query)).ToList();
        // Only SHOULD clauses: at least one matches.
        return optional.Count == 0 ? null : Or(optional);
    }

    private static List<TermClause>? OfComplexPhrase(ComplexPhraseQueryParser.ComplexPhraseQuery query)
    {
        if (PhraseContents(query) is not BooleanQuery positions)
        {
            return null;
        }
        // Each top-level clause is one position of the phrase and must be present; a group at a position
        // ("(troops soldiers)") is a choice, whatever operator it was parsed with.
        return And(positions.Clauses.Where(c => c.Occur != Occur.MUST_NOT).Select(c => c.Query is BooleanQuery group
            ? Or(group.Clauses.Where(g => g.Occur != Occur.MUST_NOT).Select(g => Of(g.Query)))
            : Of(c.Query)));
    }

    /// <summary>
    /// The words of a complex phrase as Lucene parsed them for its rewrite into spans (its private <c>contents</c>,
    /// filled by the rules' parser in its second pass); for a phrase built elsewhere, the phrase's text (all its public
    /// API gives, as <c>"text"</c>) read again by the rules' parser on the phrase's field.
    /// </summary>
    /// <exception cref="InvalidOperationException">Lucene.Net no longer prints a complex phrase as <c>"text"</c>.</exception>
    internal static Query? PhraseContents(ComplexPhraseQueryParser.ComplexPhraseQuery query)
    {
        switch (ContentsField?.GetValue(query))
        {
            case Query parsed:
                return parsed;
            case Query[] { Length: > 0 } holder when holder[0] is { } parsed:
                return parsed;
        }
        var quoted = query.ToString(query.Field);
        if (quoted.Length < 2 || quoted[0] != '"' || quoted[^1] != '"')
        {
            // Fail loudly: presearch would quietly run every phrase rule on every article.
            throw new InvalidOperationException($"Lucene.Net printed a complex phrase as {quoted}, not as a quoted phrase.");
        }
        var parser = new RuleQueryParser(EnglishStemmingAnalyzer.Version, query.Field, RuleQuery.Analyzer)
        {
            DefaultOperator = Lucene.Net.QueryParsers.Classic.Operator.AND,
            AllowLeadingWildcard = false,
        };
        try
        {
            return parser.Parse(quoted[1..^1]);
        }
        catch (Exception ex) when (ex is Lucene.Net.QueryParsers.Classic.ParseException or RuleException)
        {
            // The rule parsed as a whole, so this is not expected; the rule then runs on every article.
            return null;
        }
    }

    // Reading the phrase again cost a second parse per phrase at load (a quarter of the time for 100,000 rules).
    private static readonly System.Reflection.FieldInfo? ContentsField =
        typeof(ComplexPhraseQueryParser.ComplexPhraseQuery).GetField("contents", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);

    /// <summary>All of the parts match: every known condition holds. Unknown parts add nothing.</summary>
    private static List<TermClause>? And(IEnumerable<List<TermClause>?> parts)
    {
        var all = parts.Where(p => p is not null).SelectMany(p => p!).Where(c => c.Count > 0).ToList();
        return all.Count == 0 ? null : all;
    }

    /// <summary>
    /// One of the parts matches: (a AND b) OR (c AND d) holds (a OR c), (a OR d), (b OR c) and (b OR d). Past
    /// <see cref="MaxDistributedClauses"/>, the union of each part's best clause. An unknown part makes all unknown.
    /// </summary>
    private static List<TermClause>? Or(IEnumerable<List<TermClause>?> parts)
    {
        var list = parts.ToList();
        if (list.Count == 0 || list.Any(p => p is null || p.Count == 0))
        {
            return null;
        }
        var product = 1L;
        foreach (var part in list)
        {
            product *= part!.Count;
            if (product > MaxDistributedClauses)
            {
                return [TermClause.Union(list.Select(p => Best(p!)))];
            }
        }
        IEnumerable<IEnumerable<TermClause>> combinations = [[]];
        foreach (var part in list)
        {
            combinations = [.. combinations.SelectMany(c => part!.Select(clause => c.Append(clause)))];
        }
        return [.. combinations.Select(TermClause.Union)];
    }

    /// <summary>The literal text before the first wildcard character, if any.</summary>
    private static Term? LiteralPrefix(Term pattern)
    {
        var text = pattern.Text;
        var end = text.IndexOfAny(['*', '?', '\\']);
        var prefix = end < 0 ? text : text[..end];
        return prefix.Length == 0 ? null : new Term(pattern.Field, prefix);
    }
}
