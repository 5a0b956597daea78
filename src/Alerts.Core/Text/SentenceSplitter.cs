namespace Alerts.Text;

/// <summary>Splits prose into sentences without breaking after abbreviations ("Mr.", "U.S.", "Jan.") or initials.</summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen", "rep", "st", "jr", "sr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "ltd",
        "corp", "co", "approx", "est", "dept", "fig", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
    };

    /// <summary>Returns each sentence as (start, length) into <paramref name="text"/>, trimmed of surrounding white space.</summary>
    public static IReadOnlyList<(int Start, int Length)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isBreak = false;
            if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                isBreak = true;
            }
            else if (c is '.' or '!' or '?')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '"' or '\'' or ')' or '\u201D' or '\u2019' or '.' or '!' or '?')
                {
                    end++;
                }
                if (end >= text.Length || (char.IsWhiteSpace(text[end]) && StartsSentence(text, end) && !(c == '.' && IsAbbreviation(text, i))))
                {
                    i = end - 1;
                    isBreak = true;
                }
            }
            if (isBreak)
            {
                Add(sentences, text, start, i + 1);
                start = i + 1;
            }
        }
        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static bool StartsSentence(string text, int from)
    {
        var j = from;
        while (j < text.Length && char.IsWhiteSpace(text[j]))
        {
            j++;
        }
        return j >= text.Length || char.IsUpper(text[j]) || char.IsDigit(text[j]) || text[j] is '"' or '\u201C' or '(' or '\'' or '\u2018';
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var j = dot - 1;
        while (j >= 0 && (char.IsLetter(text[j]) || text[j] == '.'))
        {
            j--;
        }
        var word = text[(j + 1)..dot];
        // A single capital is an initial ("John F. Kennedy"), not a sentence end.
        return word.Length == 1 && char.IsUpper(word[0]) || Abbreviations.Contains(word);
    }

    private static void Add(List<(int, int)> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }
        if (end > start)
        {
            sentences.Add((start, end - start));
        }
    }
}
