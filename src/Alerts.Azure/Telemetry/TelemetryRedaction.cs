using System.Text.RegularExpressions;

namespace Alerts.Telemetry;

/// <summary>
/// The last guard before an exporter: an email address or a URL in a span attribute or a log text (a receiver's
/// error quoting an address, a failed connection naming its target) is replaced, so subscriber data and webhook
/// tokens never leave the process. The pipeline's own attributes are ids, counts and states; this catches the rest.
/// </summary>
public static partial class TelemetryRedaction
{
    public const string EmailMark = "[email]";
    public const string UrlMark = "[url]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf('@', StringComparison.Ordinal) < 0 && text.IndexOf("://", StringComparison.Ordinal) < 0)
        {
            return text;
        }
        return Email().Replace(Url().Replace(text, UrlMark), EmailMark);
    }

    public static object? Redact(object? value) => value is string text ? Redact(text) : value;

    [GeneratedRegex(@"\b[a-z][a-z0-9+.\-]*://[^\s""'<>]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Url();

    [GeneratedRegex(@"[^\s""'<>(),;:@]+@[^\s""'<>(),;:@]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Email();
}
