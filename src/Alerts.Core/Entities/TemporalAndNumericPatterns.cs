using System.Text.RegularExpressions;

namespace Alerts.Entities;

/// <summary>
/// Dates, times, durations and quantities as Azure AI Language categorises them (DateTime/Date, Quantity/Number, …).
/// Found by patterns; names win where they overlap.
/// </summary>
internal static partial class TemporalAndNumericPatterns
{
    private const string Month = @"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
    private const string SmallNumber = @"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|several|a few|a couple of)";
    private const string Approx = @"(?:(?:nearly|almost|about|around|roughly|some|over|more than|less than|fewer than|at least|up to|as many as)\s+)?";

    // Order matters: a longer or more specific pattern listed first wins an overlap.
    private static readonly (Regex Pattern, string Category, string Subcategory)[] Patterns =
    [
        (MonthDayYear(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (DayMonthYear(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (MonthYear(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (IsoDate(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (ClockTime(), EntityCategory.DateTime, EntityCategory.Subcategories.Time),
        (Weekday(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (RelativeDay(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (MonthAfterPreposition(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (YearAfterPreposition(), EntityCategory.DateTime, EntityCategory.Subcategories.Date),
        (Duration(), EntityCategory.DateTime, EntityCategory.Subcategories.Duration),
        (Age(), EntityCategory.Quantity, EntityCategory.Subcategories.Age),
        (Percentage(), EntityCategory.Quantity, EntityCategory.Subcategories.Percentage),
        (Currency(), EntityCategory.Quantity, EntityCategory.Subcategories.Currency),
        (Dimension(), EntityCategory.Quantity, EntityCategory.Subcategories.Dimension),
        (Temperature(), EntityCategory.Quantity, EntityCategory.Subcategories.Temperature),
        (Number(), EntityCategory.Quantity, EntityCategory.Subcategories.Number),
        (WordNumber(), EntityCategory.Quantity, EntityCategory.Subcategories.Number),
        (Ordinal(), EntityCategory.Quantity, EntityCategory.Subcategories.Ordinal),
    ];

    public static IEnumerable<Entity> Find(string text)
    {
        foreach (var (pattern, category, subcategory) in Patterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var g = m.Groups["e"].Success ? m.Groups["e"] : m.Groups[0];
                yield return new Entity(g.Value, category, subcategory, g.Index, g.Length, 0.8);
            }
        }
    }

    [GeneratedRegex(@"\b" + Month + @"\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b(?!:)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + Month + @"(?:,?\s+\d{4})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b" + Month + @"\s+\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b\d{1,2}[:.]\d{2}\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC|local time)|\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(?:a\.m\.|p\.m\.)", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?:yesterday|today|tomorrow|tonight|last (?:week|month|year|night|weekend)|next (?:week|month|year|weekend)|earlier this (?:week|month|year)|this (?:week|month|year))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"\b(?:in|since|until|by|from|during|early|late|mid-|end of|beginning of)\s*(?<e>(?:January|February|March|April|June|July|August|September|October|November|December))\b(?!\s+\d)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthAfterPreposition();

    [GeneratedRegex(@"\b(?:in|since|until|by|of|from|during|before|after)\s+(?<e>(?:19|20)\d{2})\b(?![\d,.%])", RegexOptions.CultureInvariant)]
    private static partial Regex YearAfterPreposition();

    [GeneratedRegex(@"\b" + Approx + @"(?:\d+|" + SmallNumber + @")\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b(?!-old)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    [GeneratedRegex(@"\b\d{1,3}-year-old\b|(?<=\p{L}, )(?<e>\d{1,3})(?=,)|\baged?\s+(?<e>\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Age();

    [GeneratedRegex(@"(?<![\p{L}\d.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Percentage();

    [GeneratedRegex(@"(?:[$€£¥₽]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|bn|m)\b)?)|(?<![\p{L}\d])\d[\d,]*(?:\.\d+)?\s(?:million\s|billion\s)?(?:dollars|euros|pounds|rubles|roubles|tenge|yuan|rupees|hryvnias?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Currency();

    [GeneratedRegex(@"(?<![\p{L}\d])\d[\d,]*(?:\.\d+)?\s?(?:km|kilometres|kilometers|miles|metres|meters|m|kg|tonnes|tons|hectares|square kilometres|square miles|mm|cm)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Dimension();

    [GeneratedRegex(@"-?\d+(?:\.\d+)?\s?(?:°\s?[CF]|degrees(?: Celsius| Fahrenheit)?)", RegexOptions.CultureInvariant)]
    private static partial Regex Temperature();

    [GeneratedRegex(@"(?<![\p{L}\d\-.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:\s(?:million|billion|trillion))?(?![\p{L}\d])|(?<![\p{L}\d\-.,:/])\d+(?:\.\d+)?(?:\s(?:million|billion|trillion))?(?![\p{L}\d\-:/])", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozens|tens of thousands|millions)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex WordNumber();

    [GeneratedRegex(@"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();
}
