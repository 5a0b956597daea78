using System.Globalization;
using Alerts.Text;

namespace Alerts.Stories;

/// <summary>
/// The distinct word 5-grams (shingles) of a body, hashed to 64 bits. Words are read from the matching form of the
/// text (<see cref="MatchingText"/>: invisible characters gone, look-alike letters plain) in lower case, so a copy with
/// a zero-width space or a Cyrillic "о" in it has the same shingles. Only the first <see cref="MaxChars"/> characters
/// are read: a story's identity is in its opening, and a hostile body costs no more than an ordinary one.
/// </summary>
public static class StoryShingles
{
    public const int Size = 5;
    public const int MaxChars = 200_000;

    public static HashSet<ulong> Of(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = MatchingText.Fold(body.Length > MaxChars ? body[..MaxChars] : body).Text;
        var words = new List<ulong>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var hash = 14695981039346656037UL;
            for (; i < text.Length && (char.IsLetterOrDigit(text[i]) || IsMark(text[i])); i++)
            {
                hash = (hash ^ char.ToLowerInvariant(text[i])) * 1099511628211UL;
            }
            words.Add(hash);
        }
        var shingles = new HashSet<ulong>();
        for (var i = 0; i + Size <= words.Count; i++)
        {
            var hash = 14695981039346656037UL;
            for (var k = 0; k < Size; k++)
            {
                hash = Mix(hash ^ words[i + k]);
            }
            shingles.Add(hash);
        }
        return shingles;
    }

    private static bool IsMark(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>SplitMix64's finaliser: spreads every input bit over the output.</summary>
    internal static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
