using Alerts.Text;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// Picks the sentences that show why an article met a rule and marks the words that did it. The body is
/// tokenised once per article with the rules' analyzer, so a stemmed query term finds every surface form.
/// </summary>
internal sealed class SnippetBuilder
{
    private const int MaxSnippets = 3;
    private const int MaxSnippetLength = 400;

    // Glue words from phrases ("state of emergency") are marked only next to another marked word.
    private static readonly HashSet<string> GlueWords = ["of", "the", "a", "an", "in", "on", "to", "and", "or", "for", "at", "by", "with", "from", "is", "ar", "be"];

    private readonly string _title;
    private readonly string _body;
    private readonly IndexSearcher _searcher;
    private readonly Lazy<List<Token>> _bodyTokens;
    private readonly Lazy<List<Token>> _titleTokens;
    private readonly Lazy<IReadOnlyList<(int Start, int Length)>> _sentences;

    public SnippetBuilder(string title, string body, IndexSearcher searcher)
    {
        _title = title;
        _body = body;
        _searcher = searcher;
        _bodyTokens = new(() => Tokenize(RuleFields.Body, _body));
        _titleTokens = new(() => Tokenize(RuleFields.Title, _title));
        _sentences = new(() => SentenceSplitter.Split(_body));
    }

    public IReadOnlyList<Snippet> Build(Query query)
    {
        var terms = ExtractTerms(query);
        var bodyHits = Hits(_bodyTokens.Value, terms, RuleFields.Body);
        if (bodyHits.Count > 0)
        {
            return FromBody(bodyHits);
        }

        var titleHits = Hits(_titleTokens.Value, terms, RuleFields.Title);
        if (titleHits.Count > 0)
        {
            return [new Snippet(_title, [.. titleHits.Select(h => new Highlight(h.Start, h.End - h.Start))])];
        }

        // Matched on entity fields only: the opening sentence gives the reader the context.
        var sentences = _sentences.Value;
        return sentences.Count > 0 ? [new Snippet(Cap(_body.Substring(sentences[0].Start, sentences[0].Length)), [])] : [];
    }

    private IReadOnlyList<Snippet> FromBody(List<Token> hits)
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
            .OrderByDescending(kv => kv.Value.Select(t => t.Term).Distinct().Count())
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

        var highlights = new List<Highlight>();
        foreach (var hit in hits)
        {
            if (hit.Start < start || hit.End > end)
            {
                continue;
            }
            // Adjacent marked words form one highlight: "**state of emergency**", not three.
            if (highlights.Count > 0)
            {
                var last = highlights[^1];
                var lastEnd = start + last.Offset + last.Length;
                if (hit.Start >= lastEnd && _body.AsSpan(lastEnd, hit.Start - lastEnd).IsWhiteSpace())
                {
                    highlights[^1] = last with { Length = hit.End - start - last.Offset };
                    continue;
                }
            }
            highlights.Add(new Highlight(hit.Start - start, hit.End - hit.Start));
        }

        var text = _body[start..end];
        var prefix = start > sentence.Start ? "…" : "";
        var suffix = end < sentence.Start + sentence.Length ? "…" : "";
        return new Snippet(prefix + text + suffix, [.. highlights.Select(h => h with { Offset = h.Offset + prefix.Length })]);
    }

    private int AdjustToBoundary(int at, int min)
    {
        while (at > min && !char.IsWhiteSpace(_body[at - 1]))
        {
            at--;
        }
        return at;
    }

    private HashSet<Term> ExtractTerms(Query query)
    {
        var terms = new HashSet<Term>();
        try
        {
            // Wildcards and prefixes only name their terms once rewritten against this article's index.
            _searcher.Rewrite(query).ExtractTerms(terms);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or BooleanQuery.TooManyClausesException)
        {
            // A query form that cannot list its terms still matched; the snippet falls back to the opening sentence.
        }
        return terms;
    }

    private static List<Token> Hits(List<Token> tokens, HashSet<Term> terms, string field)
    {
        var wanted = terms.Where(t => t.Field == field || t.Field == RuleFields.Text).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }
        var hits = new List<Token>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var term = tokens[i].Term;
            if (!wanted.Contains(term))
            {
                continue;
            }
            if (GlueWords.Contains(term) && !(IsContentHit(tokens, i - 1, wanted) || IsContentHit(tokens, i + 1, wanted)))
            {
                continue;
            }
            hits.Add(tokens[i]);
        }
        return hits;
    }

    private static bool IsContentHit(List<Token> tokens, int i, HashSet<string> wanted) =>
        i >= 0 && i < tokens.Count && wanted.Contains(tokens[i].Term) && !GlueWords.Contains(tokens[i].Term);

    private static List<Token> Tokenize(string field, string text)
    {
        var tokens = new List<Token>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }
        using var stream = RuleQuery.Analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new Token(term.ToString(), offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }

    private static string Cap(string text) => text.Length <= MaxSnippetLength ? text : text[..MaxSnippetLength] + "…";

    private readonly record struct Token(string Term, int Start, int End);
}
