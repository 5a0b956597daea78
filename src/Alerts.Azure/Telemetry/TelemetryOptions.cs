using Alerts.Configuration;

namespace Alerts.Telemetry;

/// <summary>
/// The app's own telemetry switches (section <c>Alerts:Telemetry</c>). Where telemetry goes is read from the
/// platform's settings instead (<see cref="TelemetrySettings"/>).
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Alerts:Telemetry";

    /// <summary>Also write spans, metrics and logs to the console (the local host and the CLI).</summary>
    [NotDeployed("A local switch: the Functions host records a worker's console output as log entries, so in Azure it would duplicate them.")]
    public bool Console { get; set; }
}
