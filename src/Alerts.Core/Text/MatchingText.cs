using System.Buffers;
using System.Globalization;
using System.Text;

namespace Alerts.Text;

/// <summary>
/// The form of a text that rules are matched against, with a map back to the original offsets. Invisible format
/// characters (zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen, bidi controls) are removed so
/// the word they sit in is whole again; compatibility letters (mathematical bold or italic, fullwidth, ligatures) become
/// their plain form (NFKC); and inside a word that has Latin letters, Cyrillic, Greek and Armenian look-alikes become the
/// Latin letter they imitate (the idea of Unicode TR39's skeleton). A word wholly in another script is left as it is.
/// Readers are shown the original text: only matching uses this form.
/// </summary>
public sealed class MatchingText
{
    // Output offsets where the distance back to the original changes, and the distance from there on (sorted by offset).
    private readonly int[] _offsets;
    private readonly int[] _diffs;

    private MatchingText(string text, int[] offsets, int[] diffs)
    {
        Text = text;
        _offsets = offsets;
        _diffs = diffs;
    }

    /// <summary>The folded text.</summary>
    public string Text { get; }

    /// <summary>Where, in the original text, the folded offset <paramref name="offset"/> falls.</summary>
    public int ToOriginal(int offset)
    {
        var at = Array.BinarySearch(_offsets, offset);
        if (at < 0)
        {
            at = ~at - 1;
        }
        return at < 0 ? offset : offset + _diffs[at];
    }

    /// <summary>Each change as (folded offset, original minus folded offset from there on), in order: Lucene's offset-correction form.</summary>
    public IEnumerable<(int Offset, int Diff)> Corrections => _offsets.Select((o, i) => (o, _diffs[i]));

    public static MatchingText Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsFolding(text))
        {
            return new MatchingText(text, [], []);
        }

        var output = new StringBuilder(text.Length);
        var offsets = new List<int>();
        var diffs = new List<int>();
        var diff = 0;
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var width) != OperationStatus.Done)
            {
                // A lone surrogate stays as it is.
                output.Append(text[i]);
                i++;
                continue;
            }
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                // Removed: the text after it maps further on.
                diff += width;
                Record(output.Length, diff);
                i += width;
                continue;
            }
            if (rune.Value >= 0x80 && Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherNotAssigned && !rune.ToString().IsNormalized(NormalizationForm.FormKC))
            {
                var plain = rune.ToString().Normalize(NormalizationForm.FormKC);
                output.Append(plain);
                // Every folded character maps to the start of its source; the text after it to the source's end.
                for (var k = 1; k < plain.Length; k++)
                {
                    Record(output.Length - plain.Length + k, diff - k);
                }
                diff += width - plain.Length;
                Record(output.Length, diff);
                i += width;
                continue;
            }
            output.Append(text, i, width);
            i += width;
        }

        FoldLookAlikes(output);
        var folded = output.ToString();
        return new MatchingText(offsets.Count == 0 && folded == text ? text : folded, [.. offsets], [.. diffs]);

        void Record(int offset, int value)
        {
            if (offsets.Count > 0 && offsets[^1] == offset)
            {
                diffs[^1] = value;
                return;
            }
            if ((diffs.Count > 0 ? diffs[^1] : 0) != value)
            {
                offsets.Add(offset);
                diffs.Add(value);
            }
        }
    }

    /// <summary>Fast path: plain text (the usual article) has nothing to fold.</summary>
    private static bool NeedsFolding(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                continue;
            }
            if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format || LookAlikes.ContainsKey(c) || Compatibility.Value[c])
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The BMP characters NFKC changes (fullwidth forms, ligatures, superscripts, …), found once.</summary>
    private static readonly Lazy<bool[]> Compatibility = new(() =>
    {
        var changes = new bool[char.MaxValue + 1];
        for (var c = 0x80; c <= char.MaxValue; c++)
        {
            // Surrogates and unassigned code points (noncharacters included) cannot be normalised alone.
            changes[c] = CharUnicodeInfo.GetUnicodeCategory((char)c) is not (UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned)
                && !new string((char)c, 1).IsNormalized(NormalizationForm.FormKC);
        }
        return changes;
    });

    /// <summary>Replaces look-alike letters, one for one, in each word that also holds Latin letters.</summary>
    private static void FoldLookAlikes(StringBuilder text)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (!IsWordChar(text[start]))
            {
                start++;
                continue;
            }
            var end = start;
            var latin = false;
            var lookAlike = false;
            while (end < text.Length && IsWordChar(text[end]))
            {
                latin |= IsLatin(text[end]);
                lookAlike |= LookAlikes.ContainsKey(text[end]);
                end++;
            }
            if (latin && lookAlike)
            {
                for (var i = start; i < end; i++)
                {
                    if (LookAlikes.TryGetValue(text[i], out var plain))
                    {
                        text[i] = plain;
                    }
                }
            }
            start = end;
        }
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static bool IsLatin(char c) =>
        char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F' and not '\u00D7' and not '\u00F7' || c is >= '\u1E00' and <= '\u1EFF';

    /// <summary>
    /// Cyrillic, Greek and Armenian letters that render like one Latin letter (from Unicode's confusables.txt, the
    /// single-letter mappings to ASCII).
    /// </summary>
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        // Cyrillic small
        ['\u0430'] = 'a', ['\u0435'] = 'e', ['\u043E'] = 'o', ['\u0440'] = 'p', ['\u0441'] = 'c', ['\u0443'] = 'y',
        ['\u0445'] = 'x', ['\u0455'] = 's', ['\u0456'] = 'i', ['\u0458'] = 'j', ['\u04BB'] = 'h', ['\u0501'] = 'd',
        ['\u051B'] = 'q', ['\u051D'] = 'w', ['\u04CF'] = 'l', ['\u0475'] = 'v', ['\u04AF'] = 'y', ['\u0450'] = 'è',
        ['\u0451'] = 'ë', ['\u0457'] = 'ï',
        // Cyrillic capital
        ['\u0410'] = 'A', ['\u0412'] = 'B', ['\u0415'] = 'E', ['\u041A'] = 'K', ['\u041C'] = 'M', ['\u041D'] = 'H',
        ['\u041E'] = 'O', ['\u0420'] = 'P', ['\u0421'] = 'C', ['\u0422'] = 'T', ['\u0425'] = 'X', ['\u0423'] = 'Y',
        ['\u0405'] = 'S', ['\u0406'] = 'I', ['\u0408'] = 'J', ['\u04AE'] = 'Y', ['\u051A'] = 'Q', ['\u051C'] = 'W',
        ['\u04C0'] = 'I', ['\u0474'] = 'V',
        // Greek small
        ['\u03B1'] = 'a', ['\u03BF'] = 'o', ['\u03C1'] = 'p', ['\u03BD'] = 'v', ['\u03B9'] = 'i', ['\u03C5'] = 'u',
        ['\u03BA'] = 'k', ['\u03C7'] = 'x', ['\u03F2'] = 'c', ['\u03F3'] = 'j',
        // Greek capital
        ['\u0391'] = 'A', ['\u0392'] = 'B', ['\u0395'] = 'E', ['\u0396'] = 'Z', ['\u0397'] = 'H', ['\u0399'] = 'I',
        ['\u039A'] = 'K', ['\u039C'] = 'M', ['\u039D'] = 'N', ['\u039F'] = 'O', ['\u03A1'] = 'P', ['\u03A4'] = 'T',
        ['\u03A5'] = 'Y', ['\u03A7'] = 'X', ['\u03F9'] = 'C',
        // Armenian
        ['\u0585'] = 'o', ['\u057D'] = 'u', ['\u0570'] = 'h', ['\u0578'] = 'n', ['\u0551'] = 'g',
    };
}
