using System.Globalization;

namespace Alerts.Language;

/// <summary>
/// Splits a body into documents Azure AI Language accepts synchronously: at most 5,120 characters each, counted in
/// UTF-16 code units, the <c>stringIndexType</c> the client sends. A UTF-16 count is never below the code point or
/// text element count, so a document within it is within the limit whichever of the three the service counts in.
/// Cuts fall at sentence or paragraph ends when they can, between words when a sentence is longer than a document,
/// and inside a word only when a single word is, then at a text element (grapheme cluster) boundary; only a single
/// cluster longer than a document is cut inside, and then between code points, never inside a surrogate pair.
/// Among the ways to cut at sentence ends it picks one that costs the fewest text records (1,000 characters,
/// rounded up per document), then the fewest documents.
/// </summary>
public static class DocumentChunker
{
    /// <summary>The service's limit for one synchronous document: 5,120 characters, counted here in UTF-16 code units.</summary>
    public const int MaxDocumentLength = 5120;

    /// <summary>The characters in one billable text record.</summary>
    public const int TextRecordSize = 1000;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "gov", "sen",
        "rep", "pres", "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc", "approx", "dept", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig",
    };

    /// <param name="text">The body.</param>
    /// <param name="maxLength">The longest document, in UTF-16 code units (at least 2, so a surrogate pair fits).</param>
    public static IReadOnlyList<DocumentChunk> Split(string text, int maxLength = MaxDocumentLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);

        var start = 0;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        if (start == text.Length)
        {
            return [];
        }

        var elements = new TextElements(text);
        var (sentenceStarts, wordStarts) = FindCuts(text, elements);
        var path = CheapestCuts(text, elements, start, sentenceStarts, wordStarts, maxLength);

        var chunks = new List<DocumentChunk>(path.Count);
        foreach (var (from, to, midSentence) in path)
        {
            var end = TrimEnd(text, to);
            chunks.Add(new DocumentChunk(from, text[from..end], elements.Count(from, end), midSentence));
        }
        return chunks;
    }

    /// <summary>Where a next document may start: after a sentence or paragraph end, or after any whitespace.</summary>
    private static (List<int> Sentences, List<int> Words) FindCuts(string text, TextElements elements)
    {
        var sentences = new List<int>();
        var words = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var runStart = i;
            var newline = false;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                newline |= text[i] is '\n' or '\r' or '\u2029';
                i++;
            }
            if (runStart == 0 || i == text.Length || !elements.IsBoundary(i))
            {
                continue;
            }
            words.Add(i);
            if (newline || EndsSentence(text, runStart, i))
            {
                sentences.Add(i);
            }
        }
        return (sentences, words);
    }

    private static bool EndsSentence(string text, int whitespaceStart, int next)
    {
        var k = whitespaceStart - 1;
        while (k >= 0 && text[k] is '"' or '\'' or '\u201D' or '\u2019' or ')' or ']' or '\u00BB')
        {
            k--;
        }
        if (k < 0 || text[k] is not ('.' or '!' or '?' or '\u2026'))
        {
            return false;
        }
        if (char.IsLower(text[next]))
        {
            return false; // "approx. five", "a.m. on"
        }
        if (text[k] != '.')
        {
            return true;
        }
        var wordEnd = k;
        var w = k - 1;
        while (w >= 0 && char.IsLetter(text[w]))
        {
            w--;
        }
        var word = text[(w + 1)..wordEnd];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false; // an initial: "John F. Kennedy", "U.S. officials"
        }
        return !Abbreviations.Contains(word);
    }

    /// <summary>
    /// The cheapest sequence of documents from <paramref name="start"/> to the end, as (from, nextStart, midSentence).
    /// A shortest path over cut positions: edges only go forward, so positions are settled in increasing order.
    /// </summary>
    private static List<(int From, int To, bool MidSentence)> CheapestCuts(
        string text, TextElements elements, int start, List<int> sentenceStarts, List<int> wordStarts, int max)
    {
        var end = text.Length;
        var best = new Dictionary<int, (long Cost, int Previous, bool MidSentence)> { [start] = (0, -1, false) };
        var queue = new PriorityQueue<int, int>();
        queue.Enqueue(start, start);

        while (queue.TryDequeue(out var from, out _))
        {
            if (from == end)
            {
                break;
            }
            var cost = best[from].Cost;

            void Relax(int to, bool midSentence)
            {
                var length = elements.Count(from, TrimEnd(text, to));
                var records = (length + TextRecordSize - 1) / TextRecordSize;
                var candidate = cost + ((long)records << 20) + 1; // records first, then documents
                if (!best.TryGetValue(to, out var known))
                {
                    best[to] = (candidate, from, midSentence);
                    queue.Enqueue(to, to);
                }
                else if (candidate < known.Cost)
                {
                    best[to] = (candidate, from, midSentence);
                }
            }

            var reachesEnd = TrimEnd(text, end) - from <= max;
            if (reachesEnd)
            {
                Relax(end, false);
            }

            var any = reachesEnd;
            for (var s = FirstAfter(sentenceStarts, from); s < sentenceStarts.Count; s++)
            {
                var to = sentenceStarts[s];
                if (TrimEnd(text, to) - from > max)
                {
                    break;
                }
                Relax(to, false);
                any = true;
            }
            if (any)
            {
                continue;
            }

            // No sentence end within reach: cut between words, as late as possible.
            var wordCut = -1;
            for (var w = FirstAfter(wordStarts, from); w < wordStarts.Count; w++)
            {
                if (TrimEnd(text, wordStarts[w]) - from > max)
                {
                    break;
                }
                wordCut = wordStarts[w];
            }
            if (wordCut < 0)
            {
                // A single "word" longer than a document: cut at the last text element boundary within reach;
                // a single cluster longer than a document (thousands of combining marks) between code points.
                wordCut = from + max;
                while (wordCut > from && !elements.IsBoundary(wordCut))
                {
                    wordCut--;
                }
                if (wordCut == from)
                {
                    wordCut = from + max;
                    if (char.IsLowSurrogate(text[wordCut]) && char.IsHighSurrogate(text[wordCut - 1]))
                    {
                        wordCut--;
                    }
                }
                while (wordCut < end && char.IsWhiteSpace(text[wordCut]))
                {
                    wordCut++;
                }
            }
            Relax(wordCut, true);
        }

        var path = new List<(int, int, bool)>();
        for (var to = end; to != start;)
        {
            var (_, previous, midSentence) = best[to];
            path.Add((previous, to, midSentence));
            to = previous;
        }
        path.Reverse();
        return path;
    }

    private static int FirstAfter(List<int> positions, int value)
    {
        var index = positions.BinarySearch(value + 1);
        return index >= 0 ? index : ~index;
    }

    private static int TrimEnd(string text, int end)
    {
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        return end;
    }

    /// <summary>Text element (grapheme cluster) boundaries of a string.</summary>
    private sealed class TextElements
    {
        private readonly int[] _starts;
        private readonly int[] _indexAt; // at a boundary its element index; inside an element the next one's
        private readonly bool[] _boundary;

        public TextElements(string text)
        {
            _starts = StringInfo.ParseCombiningCharacters(text);
            _indexAt = new int[text.Length + 1];
            _boundary = new bool[text.Length + 1];
            var k = 0;
            for (var p = 0; p <= text.Length; p++)
            {
                while (k < _starts.Length && _starts[k] < p)
                {
                    k++;
                }
                _indexAt[p] = k;
                _boundary[p] = p == text.Length || (k < _starts.Length && _starts[k] == p);
            }
        }

        public bool IsBoundary(int position) => _boundary[position];

        /// <summary>Text elements between two boundaries (a partial element counts as a whole one).</summary>
        public int Count(int from, int to) => _indexAt[to] - _indexAt[from];
    }
}
