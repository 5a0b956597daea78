namespace Alerts.Entities;

/// <summary>A word of the body, with where it is and what surrounds it.</summary>
internal readonly record struct NameToken(int Start, int Length, string Text, bool SentenceStart)
{
    public int End => Start + Length;

    /// <summary>Starts with a capital, or with a name particle before one ("al-Burhan", "el-Sisi").</summary>
    public bool Capitalised => Text.Length > 0 && (char.IsUpper(Text[0]) || ParticleLength(Text) > 0 || IsOrdinal(Text));

    /// <summary>"1st", "82nd", "2d", "173rd": part of a unit's name ("82nd Airborne Division").</summary>
    public static bool IsOrdinal(string word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }
        return digits > 0 && word[digits..] is "st" or "nd" or "rd" or "th" or "d";
    }

    /// <summary>The length of a leading "al-", "el-", "ad-", … when a capital follows it; otherwise 0.</summary>
    public static int ParticleLength(string word)
    {
        var hyphen = word.IndexOf('-', StringComparison.Ordinal);
        return hyphen is 2 or 3 && hyphen + 1 < word.Length && char.IsUpper(word[hyphen + 1])
            && word[..hyphen] is "al" or "el" or "ad" or "ar" or "as" or "ash" or "at" or "an" or "az" or "ibn" or "bin" or "abu"
            ? hyphen + 1
            : 0;
    }
}
