using Alerts.Entities;

namespace Alerts.Digests;

/// <summary>
/// An article's people, places and organisations grouped under labels, each named once: the same name in another case
/// (a dateline in capitals), or a surname or first name of a full name in the same story, is one entry under its
/// longest form. Most mentioned first.
/// </summary>
public static class EntityGroups
{
    private static readonly (string Category, string Label)[] Labels =
    [
        (EntityCategory.Person, "People"),
        (EntityCategory.Location, "Places"),
        (EntityCategory.Organization, "Organisations"),
        (EntityCategory.Event, "Events"),
    ];

    public static IReadOnlyList<EntityGroup> Of(IEnumerable<Entity> entities, int maxPerGroup = 6)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var all = entities.ToList();
        var groups = new List<EntityGroup>();
        foreach (var (category, label) in Labels)
        {
            var names = Merge(all.Where(e => e.Category == category && !string.IsNullOrWhiteSpace(e.Text)).ToList(), maxPerGroup);
            if (names.Count > 0)
            {
                groups.Add(new EntityGroup(label, names));
            }
        }
        return groups;
    }

    private static List<string> Merge(List<Entity> mentions, int max)
    {
        // One entry per name regardless of case, longest names first so shorter ones can join them.
        var entries = new List<Entry>();
        foreach (var byName in mentions.GroupBy(e => Normalise(e.Text), StringComparer.OrdinalIgnoreCase)
                     .OrderByDescending(g => g.Key.Length).ThenBy(g => g.Min(e => e.Offset)))
        {
            var words = byName.Key.Split(' ');
            // A name whose words are all words of a longer name of the story ("Tokayev" in "Kassym-Jomart Tokayev").
            var owner = entries.FirstOrDefault(e => e.Words.Length > words.Length && ContainsRun(e.Words, words));
            if (owner is null)
            {
                owner = new Entry(words);
                entries.Add(owner);
            }
            owner.Mentions.AddRange(byName);
        }
        return [.. entries
            .OrderByDescending(e => e.Mentions.Count).ThenBy(e => e.Mentions.Min(m => m.Offset))
            .Take(max)
            .Select(e => Display(e))];
    }

    /// <summary>The longest form, preferring one written in mixed case over a dateline in capitals.</summary>
    private static string Display(Entry entry) => entry.Mentions
        .Select(m => Normalise(m.Text))
        .OrderByDescending(t => t.Length)
        .ThenBy(t => t.Any(char.IsLower) ? 0 : 1)
        .ThenBy(t => t, StringComparer.Ordinal)
        .First();

    private static bool ContainsRun(string[] longer, string[] shorter)
    {
        for (var i = 0; i + shorter.Length <= longer.Length; i++)
        {
            if (shorter.Select((w, k) => string.Equals(w, longer[i + k], StringComparison.OrdinalIgnoreCase)).All(x => x))
            {
                return true;
            }
        }
        return false;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private sealed class Entry(string[] words)
    {
        public string[] Words { get; } = words;
        public List<Entity> Mentions { get; } = [];
    }
}
