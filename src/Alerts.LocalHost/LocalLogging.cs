using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Alerts.LocalHost;

/// <summary>
/// The one output style of <c>alerts run</c>: every event on its own line as <c>HH:mm:ss level: category[id] message</c>
/// (the SimpleConsole formatter), with no colour and no width when redirected, so a log file stays greppable. The
/// pipeline's own events and warnings show; the Azure SDK's and the hosts' chatter does not.
/// </summary>
public static class LocalLogging
{
    public static ILoggingBuilder AddLocalConsole(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.ColorBehavior = LoggerColorBehavior.Default; // colour on a terminal only
            })
            // The Azure SDK logs the 404s of its own existence probes (queues, containers) as warnings: noise here.
            .AddFilter((category, level) => category?.StartsWith("Azure.", StringComparison.Ordinal) == true
                ? level >= LogLevel.Error
                : level >= LogLevel.Warning || (level >= LogLevel.Information && Tells(category)));
    }

    // What the person running it follows at Information: the pipeline's activity and deliveries.
    private static bool Tells(string? category) =>
        category is not null && (category.StartsWith("Alerts.LocalHost", StringComparison.Ordinal) || category.StartsWith("Alerts.Delivery", StringComparison.Ordinal));
}
