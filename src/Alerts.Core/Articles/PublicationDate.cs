using System.Globalization;
using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>Finds the publication date in a byline or metadata field ("January 08, 2022", "8 Jan 2022 11:53 GMT", ISO 8601).</summary>
public static partial class PublicationDate
{
    private const string Month = @"(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    private const string Time = @"(?:,?\s+(?:at\s+)?(?<hour>\d{1,2}):(?<minute>\d{2})\s*(?<ampm>[ap]\.?m\.?)?\s*(?<tz>GMT|UTC)?)?";

    /// <summary>Finds the first date in <paramref name="text"/>; <paramref name="match"/> spans it so callers can cut it out.</summary>
    public static bool TryFind(string text, out DateTimeOffset date, out Range match)
    {
        ArgumentNullException.ThrowIfNull(text);
        date = default;
        match = default;

        var iso = IsoDate().Match(text);
        if (iso.Success && DateTimeOffset.TryParse(iso.Value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            date = parsed;
            match = new Range(iso.Index, iso.Index + iso.Length);
            return true;
        }

        foreach (var candidate in new[] { MonthDayYear().Match(text), DayMonthYear().Match(text) })
        {
            if (candidate.Success && TryBuild(candidate, out date))
            {
                match = new Range(candidate.Index, candidate.Index + candidate.Length);
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a whole field that should be a date (JSON <c>publishedAt</c>, HTML meta tags).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        return TryFind(text, out var found, out _) ? found : null;
    }

    private static bool TryBuild(Match m, out DateTimeOffset date)
    {
        date = default;
        var month = MonthNumber(m.Groups["month"].Value);
        if (!int.TryParse(m.Groups["day"].Value, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(m.Groups["year"].Value, CultureInfo.InvariantCulture, out var year)
            || year < 1900 || year > 2200 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var hour = 0;
        var minute = 0;
        if (m.Groups["hour"].Success)
        {
            hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture);
            var ampm = m.Groups["ampm"].Value;
            if (ampm.StartsWith('p') && hour < 12)
            {
                hour += 12;
            }
            else if (ampm.StartsWith('a') && hour == 12)
            {
                hour = 0;
            }
            if (hour > 23 || minute > 59)
            {
                hour = minute = 0;
            }
        }
        date = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero);
        return true;
    }

    private static int MonthNumber(string name) => name[..3].ToUpperInvariant() switch
    {
        "JAN" => 1,
        "FEB" => 2,
        "MAR" => 3,
        "APR" => 4,
        "MAY" => 5,
        "JUN" => 6,
        "JUL" => 7,
        "AUG" => 8,
        "SEP" => 9,
        "OCT" => 10,
        "NOV" => 11,
        _ => 12,
    };

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b" + Month + @"\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})\b" + Time, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<day>\d{1,2})(?:st|nd|rd|th)?\s+" + Month + @",?\s+(?<year>\d{4})\b" + Time, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DayMonthYear();
}
