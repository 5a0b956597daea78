using System.Diagnostics;
using OpenTelemetry;

namespace Alerts.Telemetry;

/// <summary>Scrubs email addresses and URLs from a finished span's string attributes and status text (<see cref="TelemetryRedaction"/>).</summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<KeyValuePair<string, string>>? changed = null;
        foreach (var (key, value) in data.TagObjects)
        {
            if (value is string text && TelemetryRedaction.Redact(text) is var redacted && !ReferenceEquals(redacted, text))
            {
                (changed ??= []).Add(KeyValuePair.Create(key, redacted));
            }
        }
        foreach (var (key, value) in changed ?? [])
        {
            data.SetTag(key, value);
        }
        if (data.StatusDescription is { } description && TelemetryRedaction.Redact(description) is var status && !ReferenceEquals(status, description))
        {
            data.SetStatus(data.Status, status);
        }
    }
}
