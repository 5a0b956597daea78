using System.Globalization;
using Alerts.Rules;

namespace Alerts.Benchmarks;

/// <summary>
/// Deterministic watch rules shaped like <c>rules/*.json</c>, drawn from a news vocabulary: topic words in synonym
/// groups (troops/soldiers/forces, arrested/detained/jailed), real places, organisations and people, and a long
/// tail of brand and company names (generated from syllables, as media-monitoring rule sets are mostly about named
/// clients and their brands). Words are picked with a Zipf-like skew, so common topics recur across rules.
/// </summary>
/// <remarks>
/// The mix, per 100 rules: 15 topic rules (a phrase AND a topic, a proximity group, some with AND NOT), 25 place,
/// organisation or person rules combined with two topics or a proximity group, 55 brand rules (a name, or a name AND
/// a topic or a place), 4 rules on a place, organisation or person and a topic with NOT title:(...), and 1 rule with no required term (a wildcard such as
/// <c>evacuat*</c>), which the presearcher must always run. On the benchmark articles about 1 rule in 100 matches.
/// </remarks>
public static class RuleGenerator
{
    private static readonly string[][] Topics =
    [
        ["troops", "soldiers", "forces", "paratroopers", "peacekeepers", "marines", "contingent"],
        ["arrived", "landed", "deployed", "arrive", "deploy", "airlifted", "dispatched"],
        ["arrested", "detained", "jailed", "detentions", "arrests"],
        ["killed", "wounded", "injured", "dead", "died"],
        ["protesters", "demonstrators", "protest", "rally", "marched"],
        ["flood", "floods", "earthquake", "landslide", "cyclone", "wildfire", "monsoon"],
        ["flights", "flight", "airport", "airspace", "runway"],
        ["cancelled", "suspended", "grounded", "diverted", "closed"],
        ["ransomware", "hackers", "cyberattack", "malware", "breach"],
        ["sanctions", "tariffs", "embargo", "blacklist"],
        ["inflation", "prices", "currency", "reserves", "budget"],
        ["election", "vote", "ballot", "referendum", "parliament"],
        ["cholera", "dengue", "measles", "outbreak", "vaccine"],
        ["ceasefire", "talks", "truce", "summit", "negotiations"],
        ["curfew", "blockade", "checkpoint", "lockdown"],
        ["refugees", "displaced", "evacuated", "evacuation", "camps"],
        ["court", "verdict", "sentenced", "trial", "charges"],
        ["strike", "walkout", "union", "workers"],
        ["pipeline", "refinery", "fuel", "blackout", "grid"],
        ["ships", "vessels", "port", "containers", "terminals"],
        ["hospital", "patients", "clinics", "doctors"],
        ["police", "officers", "riot", "water cannon", "tear gas"],
        ["kidnapped", "hostages", "abducted", "ransom"],
        ["recall", "lawsuit", "fine", "investigation", "probe"],
        ["layoffs", "bankruptcy", "merger", "acquisition", "profit warning"],
        ["crops", "harvest", "drought", "famine", "food"],
    ];

    private static readonly string[] Phrases =
    [
        "state of emergency", "martial law", "death toll", "shoot to kill", "mass arrests", "state of siege",
        "tear gas", "rubber bullets", "humanitarian corridor", "no fly zone", "foreign agents", "supply chain",
        "critical infrastructure", "general strike", "flash appeal", "air strikes", "armoured vehicles",
        "power cuts", "food prices", "interest rates", "data breach", "profit warning", "product recall",
    ];

    private static readonly string[] Places =
    [
        "Almaty", "Astana", "Bishkek", "Tashkent", "Dushanbe", "Moscow", "Kyiv", "Kharkiv", "Odesa", "Minsk", "Tbilisi",
        "Batumi", "Yerevan", "Baku", "Ankara", "Istanbul", "Tehran", "Baghdad", "Damascus", "Beirut", "Gaza", "Jerusalem",
        "Amman", "Riyadh", "Sanaa", "Aden", "Cairo", "Khartoum", "Omdurman", "Darfur", "Juba", "Addis Ababa", "Mogadishu",
        "Nairobi", "Kampala", "Kigali", "Goma", "Kinshasa", "Bamako", "Timbuktu", "Gao", "Niamey", "Ouagadougou",
        "Dakar", "Abidjan", "Accra", "Lagos", "Abuja", "Maiduguri", "Tripoli", "Benghazi", "Tunis", "Algiers", "Rabat",
        "Karachi", "Lahore", "Islamabad", "Sindh", "Sukkur", "Kabul", "Kandahar", "Delhi", "Mumbai", "Dhaka", "Yangon",
        "Bangkok", "Manila", "Jakarta", "Beijing", "Shanghai", "Hong Kong", "Taipei", "Seoul", "Tokyo", "Caracas",
        "Bogota", "Lima", "Quito", "Santiago", "Buenos Aires", "Sao Paulo", "Mexico City", "Port au Prince", "Havana",
        "Rotterdam", "Antwerp", "Hamburg", "Brussels", "Paris", "Berlin", "London", "Warsaw", "Vilnius", "Riga",
        "Mali", "Niger", "Sudan", "Pakistan", "Georgia", "Kazakhstan", "Ukraine", "Haiti", "Yemen", "Somalia",
    ];

    private static readonly string[] Organisations =
    [
        "NATO", "CSTO", "ECOWAS", "United Nations", "World Health Organization", "WHO", "UNICEF", "UNHCR",
        "World Food Programme", "Red Cross", "Red Crescent", "IMF", "International Monetary Fund", "World Bank",
        "European Union", "European Commission", "African Union", "Europol", "Interpol", "FBI", "Amnesty International",
        "Human Rights Watch", "Maersk", "MSC", "Hapag Lloyd", "Air France", "Turkish Airlines", "Gazprom", "OPEC",
        "JNIM", "Wagner", "Africa Corps", "Hamas", "Hezbollah", "Taliban", "al Shabab", "Boko Haram", "Georgian Dream",
    ];

    private static readonly string[] People =
    [
        "Tokayev", "Zelensky", "Putin", "Lukashenko", "Erdogan", "Pashinyan", "Aliyev", "Kobakhidze", "Zourabichvili",
        "Goita", "Tchiani", "Traore", "Burhan", "Dagalo", "Abiy", "Ruto", "Museveni", "Tinubu", "Sharif", "Modi",
        "Xi", "Macron", "Scholz", "Merz", "Starmer", "Meloni", "Tusk", "Guterres", "Tedros", "Georgieva", "Lula",
        "Milei", "Sheinbaum", "Maduro", "Petro", "Boric", "Netanyahu", "Khamenei", "Pezeshkian", "Orban",
    ];

    private static readonly string[] Onsets = ["b", "br", "c", "cr", "d", "f", "g", "gr", "k", "l", "m", "n", "p", "pr", "qu", "r", "s", "st", "t", "tr", "v", "z"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ae", "io", "ea"];
    private static readonly string[] Codas = ["", "n", "r", "x", "l", "s", "m", "nt", "rk", "v"];
    private static readonly string[] BrandSuffixes = ["", "", "", " Group", " Bank", " Energy", " Pharma", " Logistics", " Motors", " Foods", " Telecom"];

    // Hyphenated words are written as separate words: inside a quoted phrase Lucene.Net's complex phrase query cannot
    // run "no-fly zone", so RuleQuery refuses it (see the README's Performance section).

    /// <summary><paramref name="count"/> rules; the same count and seed always give the same rules.</summary>
    public static IReadOnlyList<WatchRule> Generate(int count, int seed = 7)
    {
        var random = new Random(seed);
        var brands = Brands(Math.Max(100, count / 3), random);
        var rules = new List<WatchRule>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(100);
            var query = kind switch
            {
                < 15 => TopicRule(random),
                < 40 => random.Next(2) == 0 ? $"{Entity(random)} AND {TopicClause(random)} AND {TopicClause(random)}" : $"{Entity(random)} AND {Proximity(random)}",
                < 95 => BrandRule(random, brands),
                < 99 => $"{Entity(random)} AND {TopicClause(random)} AND NOT title:({Word(random, Pick(random, Topics))} OR {Word(random, Pick(random, Topics))})",
                _ => $"{Pick(random, ["evacuat", "deploy", "detain", "cancel", "hostag", "ransomw"])}*",
            };
            rules.Add(new WatchRule
            {
                Id = "gen-" + i.ToString(CultureInfo.InvariantCulture),
                Title = "Generated rule " + i.ToString(CultureInfo.InvariantCulture),
                Severity = (Severity)(1 + random.Next(4)),
                Query = query,
            });
        }
        return rules;
    }

    /// <summary>The rules compiled as the loader compiles a rule file (spread over the cores); throws if one is refused.</summary>
    public static IReadOnlyList<CompiledRule> Compile(IEnumerable<WatchRule> rules)
    {
        var result = new RuleLoadResult();
        RuleLoader.Add([.. rules], "generated", result);
        return result.Errors.Count == 0 ? result.Rules : throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors.Take(5)));
    }

    private static string TopicRule(Random random) => random.Next(4) switch
    {
        0 => $"{Quote(Pick(random, Phrases))} AND {TopicClause(random)}",
        1 => Proximity(random),
        2 => $"({Quote(Pick(random, Phrases))} OR {Proximity(random)}) AND {TopicClause(random)}",
        _ => $"{Proximity(random)} AND NOT ({Quote(Pick(random, Phrases))} OR {Word(random, Pick(random, Topics))})",
    };

    private static string BrandRule(Random random, string[] brands)
    {
        var brand = Quote(brands[Skewed(random, brands.Length)]);
        return random.Next(3) switch
        {
            0 => brand,
            1 => $"{brand} AND {TopicClause(random)}",
            _ => $"title:{brand} OR ({brand} AND {Entity(random)})",
        };
    }

    /// <summary>An OR group of words of one topic, e.g. <c>(arrested OR detained)</c>.</summary>
    private static string TopicClause(Random random)
    {
        var topic = Pick(random, Topics);
        var words = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Word(random, topic)).Distinct().ToList();
        return words.Count == 1 ? words[0] : "(" + string.Join(" OR ", words) + ")";
    }

    /// <summary>A complex phrase such as <c>"(troops soldiers) (arrived landed)"~3</c>.</summary>
    private static string Proximity(Random random)
    {
        var (first, second) = random.Next(4) switch
        {
            0 => (Topics[0], Topics[1]),
            1 => (Topics[2], Topics[4]),
            2 => (Topics[6], Topics[7]),
            _ => (Pick(random, Topics), Pick(random, Topics)),
        };
        static string Group(Random random, string[] topic) =>
            "(" + string.Join(' ', Enumerable.Range(0, 2 + random.Next(3)).Select(_ => topic[random.Next(topic.Length)].Split(' ')[0]).Distinct()) + ")";
        return $"\"{Group(random, first)} {Group(random, second)}\"~{1 + random.Next(4)}";
    }

    private static string Entity(Random random) => random.Next(3) switch
    {
        0 => Quote(Places[Skewed(random, Places.Length)]),
        1 => random.Next(4) == 0 ? "organization:" + Quote(Organisations[Skewed(random, Organisations.Length)]) : Quote(Organisations[Skewed(random, Organisations.Length)]),
        _ => random.Next(4) == 0 ? "person:" + People[Skewed(random, People.Length)] : People[Skewed(random, People.Length)],
    };

    private static string[] Brands(int count, Random random)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var syllables = 2 + random.Next(2);
            var name = string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(random, Onsets) + Pick(random, Vowels))) + Pick(random, Codas);
            names.Add(char.ToUpperInvariant(name[0]) + name[1..] + Pick(random, BrandSuffixes));
        }
        return [.. names];
    }

    private static string Word(Random random, string[] topic)
    {
        var word = topic[Skewed(random, topic.Length)];
        return word.Contains(' ', StringComparison.Ordinal) ? Quote(word) : word;
    }

    private static string Quote(string text) => text.Contains(' ', StringComparison.Ordinal) || text.Contains('-', StringComparison.Ordinal) ? $"\"{text}\"" : text;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>An index skewed to the front (Zipf-like, s ≈ 1): the first items are picked far more often.</summary>
    private static int Skewed(Random random, int length) =>
        Math.Min(length - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(length + 1)) - 1));
}
