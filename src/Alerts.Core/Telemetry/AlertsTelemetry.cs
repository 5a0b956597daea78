using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Alerts.Telemetry;

/// <summary>
/// The pipeline's own traces (ActivitySource <c>Alerts</c>) and metrics (Meter <c>Alerts</c>), in plain
/// System.Diagnostics so Core needs no exporter; the hosts subscribe to both names. Instrument names are the ones
/// the Azure Monitor alert rules in infra/modules/alertrules.bicep query.
/// </summary>
public static class AlertsTelemetry
{
    public const string Name = "Alerts";

    public const string ArticlesAnalysed = "alerts.articles.analysed";
    public const string ArticlesRefused = "alerts.articles.refused";
    public const string PoisonMessages = "alerts.poison.messages";
    public const string DigestsFailed = "alerts.digests.failed";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    private static readonly Counter<long> Analysed = Meter.CreateCounter<long>(ArticlesAnalysed, "{article}",
        "Uploads analysed (including duplicates of a story already analysed).");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(ArticlesRefused, "{article}",
        "Uploads refused with a recorded reason (unreadable, too large, too slow...).");

    private static readonly Counter<long> Poison = Meter.CreateCounter<long>(PoisonMessages, "{message}",
        "Queue messages given up on and left on a poison queue.");

    private static readonly Counter<long> DigestFailures = Meter.CreateCounter<long>(DigestsFailed, "{digest}",
        "Digests that could not be delivered after their retries.");

    public static void ArticleAnalysed(string status) => Analysed.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void ArticleRefused(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void PoisonMessage(string queue) => Poison.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public static void DigestFailed(string channel) => DigestFailures.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
