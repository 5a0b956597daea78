using System.Globalization;
using Azure;

namespace Alerts.Channels.Email;

/// <summary>
/// How long a service asks to be left alone: <c>retry-after-ms</c> or <c>x-ms-retry-after-ms</c> (milliseconds), else
/// <c>Retry-After</c> in seconds or as an HTTP date. Null when the response names no wait.
/// </summary>
internal static class RetryAfter
{
    public static TimeSpan? Of(Response response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(name, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }
        if (!response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at > now ? at - now : TimeSpan.Zero)
            : null;
    }
}
