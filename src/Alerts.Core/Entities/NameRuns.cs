using System.Text.RegularExpressions;

namespace Alerts.Entities;

/// <summary>
/// Cuts a body into words and groups neighbouring capitalised words into runs, the candidates for names:
/// "Kazakh President Kassym-Jomart Tokayev", "Collective Security Treaty Organization", "Bank of England".
/// A run never crosses punctuation or a line break.
/// </summary>
internal static partial class NameRuns
{
    // Initialisms (U.S., U.N.), then words with inner hyphens or apostrophes (Kassym-Jomart, N'Djamena, Tokayev's).
    // Ordinals ("82nd") name units: "82nd Airborne Division".
    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|\d+(?:st|nd|rd|th|d)(?![\p{L}\p{Nd}])|[\p{L}\p{M}][\p{L}\p{M}\p{Nd}]*(?:['’\-][\p{L}\p{M}\p{Nd}]+)*\.?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static List<NameToken> Tokenize(string text)
    {
        var tokens = new List<NameToken>();
        foreach (var m in Word().EnumerateMatches(text))
        {
            var start = m.Index;
            var length = m.Length;
            var word = text.AsSpan(start, length);
            // A trailing period belongs to the word only for abbreviations ("Mr.", "Gen."): otherwise it ends a sentence.
            if (word[^1] == '.' && !IsAbbreviation(word))
            {
                length--;
                word = word[..^1];
            }
            // The possessive is not part of the name: "Tokayev's" is Tokayev.
            if (word.Length > 2 && (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal)))
            {
                length -= 2;
            }
            // "Moscow-led", "Kyiv-based": the name is the part before the suffix, and it ends the run.
            var hyphen = text.AsSpan(start, length).LastIndexOf('-');
            if (hyphen > 0 && CueWords.AdjectiveSuffixes.Contains(text.Substring(start + hyphen + 1, length - hyphen - 1)))
            {
                length = hyphen;
            }
            // "2CR", "3ID": letters hung on a number are a code, not a word.
            if (length <= 0 || (start > 0 && char.IsAsciiDigit(text[start - 1])))
            {
                continue;
            }
            tokens.Add(new NameToken(start, length, text.Substring(start, length), StartsSentence(text, start)));
        }
        return tokens;
    }

    /// <summary>Runs of capitalised tokens (with connectors such as "of" between them), as index ranges into <paramref name="tokens"/>.</summary>
    public static List<(int First, int Count)> Find(string text, IReadOnlyList<NameToken> tokens)
    {
        var runs = new List<(int, int)>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (!tokens[i].Capitalised)
            {
                i++;
                continue;
            }
            var first = i;
            var last = i;
            var j = i + 1;
            // "Prince George's County", "the Attorney General's Office": a possessive inside the name of a county or an office.
            while (j < tokens.Count && (OnlySpaceBetween(text, tokens[j - 1], tokens[j])
                || (PossessiveBetween(text, tokens[j - 1], tokens[j]) && tokens[j].Text is "County" or "Parish" or "District" or "Office")))
            {
                if (tokens[j].Capitalised && !StartsNewName(tokens[j]))
                {
                    last = j;
                    j++;
                    continue;
                }
                // "Interim leader Ali Ahmed": a lower-case title after its capitalised modifier stays in the name.
                if (CueWords.TitleHeads.Contains(tokens[j].Text) && CueWords.TitleModifiers.Contains(tokens[j - 1].Text)
                    && j + 1 < tokens.Count && tokens[j + 1].Capitalised && OnlySpaceBetween(text, tokens[j], tokens[j + 1]))
                {
                    last = j + 1;
                    j += 2;
                    continue;
                }
                // "of", "of the", "bin": only when a capitalised word follows.
                var k = j;
                while (k < tokens.Count && k - j < 2 && OnlySpaceBetween(text, tokens[k - 1], tokens[k])
                    && (CueWords.NameConnectors.Contains(tokens[k].Text) || (k > j && tokens[k].Text == "the")))
                {
                    k++;
                }
                if (k > j && k < tokens.Count && OnlySpaceBetween(text, tokens[k - 1], tokens[k]) && tokens[k].Capitalised)
                {
                    last = k;
                    j = k + 1;
                    continue;
                }
                break;
            }
            runs.Add((first, last - first + 1));
            i = last + 1;
        }
        return runs;
    }

    /// <summary>"…the U.S. The president…": a closed-class word after an abbreviation starts something new.</summary>
    private static bool StartsNewName(NameToken token) => token.SentenceStart && CueWords.CommonWords.Contains(token.Text);

    private static bool PossessiveBetween(string text, NameToken a, NameToken b) =>
        b.Start - a.End == 3 && text[a.End] is '\'' or '’' && text[a.End + 1] == 's' && text[a.End + 2] == ' ';

    private static bool OnlySpaceBetween(string text, NameToken a, NameToken b)
    {
        for (var p = a.End; p < b.Start; p++)
        {
            if (text[p] is not (' ' or '\u00A0'))
            {
                return false;
            }
        }
        return b.Start > a.End;
    }

    private static bool StartsSentence(string text, int start)
    {
        var p = start - 1;
        while (p >= 0 && text[p] is ' ' or '\t' or '"' or '\'' or '“' or '‘' or '(' or '[' or '\u00A0')
        {
            p--;
        }
        if (p < 0)
        {
            return true;
        }
        // "ALMATY, Kazakhstan -- Kazakh President …": a dateline dash starts the story's first sentence.
        return text[p] is '.' or '!' or '?' or ':' or '\n' or '\r' or '-' or '—' or '–' or '•' or '|';
    }

    private static bool IsAbbreviation(ReadOnlySpan<char> word) =>
        CueWords.TitleHeads.Contains(word.ToString()) || word.Length <= 4 && word.Count('.') >= 2
        || word is "St." or "Mt." or "Ft." or "Jr." or "Sr." or "Inc." or "Ltd." or "Corp." or "Co."
        // A middle initial: "Michael J. Crutchfield".
        || word.Length == 2 && char.IsUpper(word[0]);
}
