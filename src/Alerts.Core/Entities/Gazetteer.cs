using System.Globalization;
using System.Reflection;

namespace Alerts.Entities;

/// <summary>
/// The names the embedded extractor knows: countries (from .NET's <see cref="RegionInfo"/> and a list of the short
/// forms wire stories use), capitals and major cities, regions, well-known organisations and their acronyms, and
/// demonyms. All-caps entries ("WHO", "US") match only in capitals, so "Who" and "us" stay words.
/// </summary>
internal sealed class Gazetteer
{
    private readonly Dictionary<string, (string Category, string? Subcategory)> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Category, string? Subcategory)> _acronyms = new(StringComparer.Ordinal);
    private readonly HashSet<string> _demonyms = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _givenNames = new(StringComparer.Ordinal);

    public static Gazetteer Default { get; } = Load();

    /// <summary>The longest number of words of any entry, so callers know how far to look.</summary>
    public int MaxWords { get; private set; } = 1;

    public bool IsDemonym(string word) => _demonyms.Contains(word);

    /// <summary>A common given name ("George", "Amina"): a run it opens is a person.</summary>
    public bool IsGivenName(string word) => _givenNames.Contains(word);

    public bool TryLookup(string name, out (string Category, string? Subcategory) kind)
    {
        if (IsAllCaps(name))
        {
            if (_acronyms.TryGetValue(name, out kind))
            {
                return true;
            }
            // "ALMATY" in a dateline is still Almaty; one- or two-letter words are too ambiguous in capitals.
            return name.Length > 3 && _names.TryGetValue(name, out kind);
        }
        return _names.TryGetValue(name, out kind);
    }

    internal static bool IsAllCaps(string s)
    {
        var letters = 0;
        foreach (var c in s)
        {
            if (char.IsLower(c))
            {
                return false;
            }
            if (char.IsLetter(c))
            {
                letters++;
            }
        }
        return letters >= 2;
    }

    private static Gazetteer Load()
    {
        var g = new Gazetteer();
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                var region = new RegionInfo(culture.Name);
                // "en-001" is the world: a word in "the World's Largest", not a place a reader lists.
                if (region.EnglishName != "World")
                {
                    g.Add(region.EnglishName, EntityCategory.Location, EntityCategory.Subcategories.GPE);
                }
            }
            catch (ArgumentException)
            {
                // A culture without a region of its own.
            }
        }
        foreach (var line in Lines("countries.txt"))
        {
            g.Add(line, EntityCategory.Location, EntityCategory.Subcategories.GPE);
        }
        foreach (var line in Lines("cities.txt"))
        {
            g.Add(line, EntityCategory.Location, EntityCategory.Subcategories.GPE);
        }
        foreach (var line in Lines("states.txt"))
        {
            g.Add(line, EntityCategory.Location, EntityCategory.Subcategories.GPE);
        }
        foreach (var line in Lines("regions.txt"))
        {
            g.Add(line, EntityCategory.Location, EntityCategory.Subcategories.Geographical);
        }
        foreach (var line in Lines("organizations.txt"))
        {
            g.Add(line, EntityCategory.Organization, null);
        }
        foreach (var line in Lines("demonyms.txt"))
        {
            g._demonyms.Add(line);
        }
        foreach (var line in Lines("given-names.txt"))
        {
            g._givenNames.Add(line);
        }
        return g;
    }

    private void Add(string name, string category, string? subcategory)
    {
        // RegionInfo's names carry qualifiers wire stories drop: "Korea (Republic of)", "Hong Kong SAR".
        var paren = name.IndexOf(" (", StringComparison.Ordinal);
        if (paren > 0)
        {
            name = name[..paren];
        }
        if (name.EndsWith(" SAR", StringComparison.Ordinal))
        {
            name = name[..^4];
        }
        if (IsAllCaps(name))
        {
            _acronyms.TryAdd(name, (category, subcategory));
        }
        else
        {
            _names.TryAdd(name, (category, subcategory));
        }
        MaxWords = Math.Max(MaxWords, name.Count(c => c == ' ') + 1);
    }

    private static List<string> Lines(string file)
    {
        var resource = $"Alerts.Entities.Gazetteer.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The gazetteer resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#')
            {
                lines.Add(line);
            }
        }
        return lines;
    }
}
