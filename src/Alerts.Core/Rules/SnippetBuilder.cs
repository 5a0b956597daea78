using Alerts.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Spans;

namespace Alerts.Rules;

/// <summary>
/// Picks the sentences that show why an article met a rule and marks the words that did it, using the rules'
/// analyzer, so a stemmed query term finds every surface form. Evidence comes from the clause the rule is about: in
/// <c>"state of emergency" AND (declare OR impose)</c> a sentence with only "imposed" is not shown, though "declared" is
/// marked in a sentence that has the phrase.
/// </summary>
internal sealed class SnippetBuilder
{
    private const int MaxSnippets = 3;
    private const int MaxSnippetLength = 400;

    private readonly string _title;
    private readonly string _body;
    private readonly string _text;
    private readonly IndexSearcher _searcher;
    private readonly Lazy<IReadOnlyList<(int Start, int Length)>> _sentences;
    private readonly Dictionary<string, List<(int Position, Token Token)>> _tokens = new(StringComparer.Ordinal);

    public SnippetBuilder(string title, string body, IndexSearcher searcher)
    {
        _title = title;
        _body = body;
        _text = title.Length == 0 ? body : title + "\n\n" + body;
        _searcher = searcher;
        _sentences = new(() => SentenceSplitter.Split(_body));
    }

    public IReadOnlyList<Snippet> Build(Query query)
    {
        var rewritten = Rewrite(query);
        var bodyHits = new List<Token>();
        var titleHits = new List<Token>();
        if (rewritten is not null)
        {
            // Unfielded queries search title and body as one "text" field: split its hits back into the two.
            var bodyStart = _title.Length == 0 ? 0 : _title.Length + 2;
            foreach (var hit in Hits(rewritten, RuleFields.Text, _text))
            {
                if (hit.Start >= bodyStart)
                {
                    bodyHits.Add(hit with { Start = hit.Start - bodyStart, End = hit.End - bodyStart });
                }
                else if (hit.End <= _title.Length)
                {
                    titleHits.Add(hit);
                }
            }
            var fields = new HashSet<Term>();
            rewritten.ExtractTerms(fields);
            if (fields.Any(t => t.Field == RuleFields.Body))
            {
                bodyHits = [.. bodyHits.Concat(Hits(rewritten, RuleFields.Body, _body)).DistinctBy(h => h.Start).OrderBy(h => h.Start)];
            }
            if (fields.Any(t => t.Field == RuleFields.Title))
            {
                titleHits = [.. titleHits.Concat(Hits(rewritten, RuleFields.Title, _title)).DistinctBy(h => h.Start).OrderBy(h => h.Start)];
            }
        }

        // Without any hit of the leading clause (it met on an entity field, say), every hit is evidence.
        var anyLead = bodyHits.Exists(h => h.Lead) || titleHits.Exists(h => h.Lead);
        if (bodyHits.Exists(h => h.Lead || !anyLead))
        {
            return FromBody(bodyHits, anyLead);
        }
        if (titleHits.Count > 0)
        {
            return [new Snippet(_title, Merge(_title, titleHits, 0, _title.Length))];
        }

        // Matched on entity fields only: the opening sentence gives the reader the context.
        var sentences = _sentences.Value;
        return sentences.Count > 0 ? [new Snippet(Cap(_body.Substring(sentences[0].Start, sentences[0].Length)), [])] : [];
    }

    private IReadOnlyList<Snippet> FromBody(List<Token> hits, bool leadOnly)
    {
        var sentences = _sentences.Value;
        var bySentence = new Dictionary<int, List<Token>>();
        var s = 0;
        foreach (var hit in hits)
        {
            while (s < sentences.Count - 1 && hit.Start >= sentences[s].Start + sentences[s].Length)
            {
                s++;
            }
            if (!bySentence.TryGetValue(s, out var list))
            {
                bySentence[s] = list = [];
            }
            list.Add(hit);
        }

        return [.. bySentence
            .Where(kv => !leadOnly || kv.Value.Exists(t => t.Lead))
            .OrderByDescending(kv => kv.Value.Select(t => _body[t.Start..t.End].ToUpperInvariant()).Distinct().Count())
            .ThenBy(kv => kv.Key)
            .Take(MaxSnippets)
            .OrderBy(kv => kv.Key)
            .Select(kv => MakeSnippet(sentences[kv.Key], kv.Value))];
    }

    private Snippet MakeSnippet((int Start, int Length) sentence, List<Token> hits)
    {
        var start = sentence.Start;
        var end = sentence.Start + sentence.Length;
        if (sentence.Length > MaxSnippetLength)
        {
            // A run-on "sentence" (a list, a page without punctuation): a window around the first hit.
            start = Math.Max(sentence.Start, hits[0].Start - MaxSnippetLength / 3);
            end = Math.Min(end, start + MaxSnippetLength);
            start = AdjustToBoundary(start, sentence.Start);
        }

        var highlights = Merge(_body, hits, start, end);
        var text = _body[start..end];
        var prefix = start > sentence.Start ? "…" : "";
        var suffix = end < sentence.Start + sentence.Length ? "…" : "";
        return new Snippet(prefix + text + suffix, [.. highlights.Select(h => h with { Offset = h.Offset + prefix.Length })]);
    }

    /// <summary>Highlights relative to <paramref name="start"/>; adjacent marked words form one: "**state of emergency**", not three.</summary>
    private static List<Highlight> Merge(string text, List<Token> hits, int start, int end)
    {
        var highlights = new List<Highlight>();
        foreach (var hit in hits)
        {
            if (hit.Start < start || hit.End > end)
            {
                continue;
            }
            if (highlights.Count > 0)
            {
                var last = highlights[^1];
                var lastEnd = start + last.Offset + last.Length;
                if (hit.Start >= lastEnd && IsGap(text.AsSpan(lastEnd, hit.Start - lastEnd)))
                {
                    highlights[^1] = last with { Length = hit.End - start - last.Offset };
                    continue;
                }
            }
            highlights.Add(new Highlight(hit.Start - start, hit.End - hit.Start));
        }
        return highlights;
    }

    /// <summary>White space, and the invisible characters matching skips (a bidi mark between two marked words).</summary>
    private static bool IsGap(ReadOnlySpan<char> between)
    {
        foreach (var c in between)
        {
            if (!char.IsWhiteSpace(c) && !IsInvisible(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private int AdjustToBoundary(int at, int min)
    {
        while (at > min && !char.IsWhiteSpace(_body[at - 1]))
        {
            at--;
        }
        return at;
    }

    private Query? Rewrite(Query query)
    {
        try
        {
            // Complex phrases and wildcards become span queries over this article's own terms.
            return _searcher.Rewrite(query);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or BooleanQuery.TooManyClausesException)
        {
            return null;
        }
    }

    /// <summary>
    /// The words of <paramref name="text"/> inside the spans that matched: the rewritten query's phrases and terms are
    /// run as span queries against this article's index, so an OR branch that did not match marks nothing and a
    /// sloppy phrase marks the stretch it covers ("**troops are expected to deploy**").
    /// </summary>
    private List<Token> Hits(Query query, string field, string text)
    {
        var hits = new List<Token>();
        if (text.Length == 0)
        {
            return hits;
        }
        // Position -> whether a span of the leading clause covers it.
        var positions = new Dictionary<int, bool>();
        var context = _searcher.IndexReader.Leaves[0];
        foreach (var (span, lead) in SpanQueries(query, field, lead: true))
        {
            var spans = span.GetSpans(context, null, new Dictionary<Term, TermContext>());
            while (spans.MoveNext())
            {
                for (var p = spans.Start; p < spans.End; p++)
                {
                    positions[p] = lead || positions.GetValueOrDefault(p);
                }
            }
        }
        if (positions.Count == 0)
        {
            return hits;
        }

        foreach (var (position, token) in Tokens(field, text))
        {
            if (positions.TryGetValue(position, out var lead))
            {
                hits.Add(token with { Lead = lead });
            }
        }
        return hits;
    }

    /// <summary>The positions and offsets of the field's tokens, analysed once per article (not once per matched rule).</summary>
    private List<(int Position, Token Token)> Tokens(string field, string text)
    {
        if (_tokens.TryGetValue(field, out var tokens))
        {
            return tokens;
        }
        tokens = [];
        using var stream = RuleQuery.Analyzer.GetTokenStream(field, text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            // The text removed for matching maps to the token after it: a mark right after a word is not part of it.
            var end = offset.EndOffset;
            while (end > offset.StartOffset + 1 && IsInvisible(text[end - 1]))
            {
                end--;
            }
            tokens.Add((position, new Token(offset.StartOffset, end)));
        }
        stream.End();
        _tokens[field] = tokens;
        return tokens;
    }

    /// <summary>
    /// The positive parts of a rewritten query on <paramref name="field"/>, as span queries, each flagged when it belongs
    /// to the leading clause. Of the AND-ed clauses, the one with the longest phrase leads (the subject of the rule) and
    /// the others are conditions on it; clauses of equal weight all lead, and OR branches lead alike.
    /// </summary>
    private static IEnumerable<(SpanQuery Span, bool Lead)> SpanQueries(Query query, string field, bool lead)
    {
        switch (query)
        {
            case BooleanQuery boolean:
                var required = boolean.Clauses.Where(c => c.Occur == Occur.MUST).ToList();
                var weight = required.Count > 1 ? required.Max(c => Weight(c.Query)) : 0;
                foreach (var clause in boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT))
                {
                    var leads = lead && (required.Count <= 1 || (clause.Occur == Occur.MUST && Weight(clause.Query) == weight));
                    foreach (var part in SpanQueries(clause.Query, field, leads))
                    {
                        yield return part;
                    }
                }
                break;
            case ConstantScoreQuery { Query: { } inner }:
                foreach (var part in SpanQueries(inner, field, lead))
                {
                    yield return part;
                }
                break;
            case SpanQuery span when span.Field == field:
                yield return (span, lead);
                break;
            case TermQuery term when term.Term.Field == field:
                yield return (new SpanTermQuery(term.Term), lead);
                break;
            case PhraseQuery phrase when phrase.GetTerms() is { Length: > 0 } terms && terms[0].Field == field:
                yield return (new SpanNearQuery([.. terms.Select(t => new SpanTermQuery(t))], phrase.Slop, inOrder: true), lead);
                break;
        }
    }

    /// <summary>How many words the longest phrase of <paramref name="query"/> holds (a single word is 1).</summary>
    private static int Weight(Query query) => query switch
    {
        BooleanQuery boolean => boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT).Select(c => Weight(c.Query)).DefaultIfEmpty(0).Max(),
        ConstantScoreQuery { Query: { } inner } => Weight(inner),
        SpanNearQuery near => near.GetClauses().Sum(Weight),
        SpanOrQuery or => or.GetClauses().Select(Weight).DefaultIfEmpty(0).Max(),
        PhraseQuery phrase => phrase.GetTerms().Length,
        _ => 1,
    };

    private static string Cap(string text) => text.Length <= MaxSnippetLength ? text : text[..MaxSnippetLength] + "…";

    /// <param name="Lead">Met by the leading clause of the rule, not only by a condition on it.</param>
    private readonly record struct Token(int Start, int End, bool Lead = false);
}
