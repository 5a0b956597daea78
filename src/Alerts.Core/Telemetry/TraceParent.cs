using System.Diagnostics;

namespace Alerts.Telemetry;

/// <summary>The W3C <c>traceparent</c> value carried by queue messages and webhooks (version 00, 55 characters).</summary>
public static class TraceParent
{
    /// <summary>The current span's traceparent, or null outside a span or when it is not a W3C id.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>Reads a traceparent; anything but a well-formed W3C value (55 characters) is refused.</summary>
    public static bool TryParse(string? value, out ActivityContext context)
    {
        context = default;
        return value is { Length: 55 } && ActivityContext.TryParse(value, traceState: null, isRemote: true, out context);
    }
}
