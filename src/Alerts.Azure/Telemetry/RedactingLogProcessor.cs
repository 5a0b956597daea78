using OpenTelemetry;
using OpenTelemetry.Logs;

namespace Alerts.Telemetry;

/// <summary>
/// Scrubs email addresses and URLs from a log record's message and string attributes (<see cref="TelemetryRedaction"/>),
/// and keeps an exception's type without its message, which may quote input.
/// </summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = TelemetryRedaction.Redact(message);
        }
        if (data.Body is { } body)
        {
            data.Body = TelemetryRedaction.Redact(body);
        }
        if (data.Attributes is { Count: > 0 } attributes && attributes.Any(a => a.Value is string))
        {
            data.Attributes = [.. attributes.Select(a => KeyValuePair.Create(a.Key, TelemetryRedaction.Redact(a.Value)))];
        }
        if (data.Exception is { } exception)
        {
            data.Exception = new RedactedException(exception);
        }
    }
}

/// <summary>Stands in for a logged exception: its type and stack, not its message.</summary>
public sealed class RedactedException : Exception
{
    public RedactedException()
    {
    }

    public RedactedException(string message) : base(message)
    {
    }

    public RedactedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal RedactedException(Exception original) : base($"{original.GetType().FullName} (message withheld)")
    {
        OriginalType = original.GetType().FullName;
        OriginalStackTrace = original.StackTrace;
    }

    public string? OriginalType { get; }

    public string? OriginalStackTrace { get; }

    public override string? StackTrace => OriginalStackTrace;
}
