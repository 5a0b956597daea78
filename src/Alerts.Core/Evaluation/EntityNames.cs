using System.Globalization;
using System.Text;
using Alerts.Entities;

namespace Alerts.Evaluation;

/// <summary>
/// How an extracted name is compared with a labelled one: case, a leading "the", a possessive and curly quotes do
/// not count; a label may give aliases as "United Nations|UN"; a person's surname alone (or any run of the labelled
/// name's words) refers to the labelled person, as a second mention in a story does.
/// </summary>
public static class EntityNames
{
    /// <summary>The categories the corpus labels and the evaluation scores.</summary>
    public static IReadOnlyList<string> ScoredCategories { get; } = [EntityCategory.Person, EntityCategory.Location, EntityCategory.Organization];

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Normalize(NormalizationForm.FormKC).Replace('\u2019', '\'').Replace('\u2018', '\'').Trim().Trim('"', '\'', '.', ',');
        if (text.EndsWith("'s", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^2];
        }
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 1 && string.Equals(words[0], "the", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        return string.Join(' ', words[start..]).ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>The normalised aliases of one label entry ("United Nations|UN").</summary>
    public static IReadOnlyList<string> Aliases(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return [.. label.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Normalize).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Does an extracted name (normalised) refer to the labelled entry (its normalised aliases)?</summary>
    public static bool Refers(string found, IReadOnlyList<string> aliases, string category)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(aliases);
        foreach (var alias in aliases)
        {
            if (alias == found)
            {
                return true;
            }
            // "Kiir" for "Salva Kiir", "Tokayev" for "Kassym-Jomart Tokayev": a later mention of the same person.
            if (category == EntityCategory.Person && IsWordRun(found, alias))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWordRun(string part, string whole)
    {
        if (part.Length >= whole.Length)
        {
            return false;
        }
        var index = whole.IndexOf(part, StringComparison.Ordinal);
        while (index >= 0)
        {
            var before = index == 0 || whole[index - 1] == ' ';
            var after = index + part.Length == whole.Length || whole[index + part.Length] == ' ';
            if (before && after)
            {
                return true;
            }
            index = whole.IndexOf(part, index + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
