using System.Globalization;
using System.Net.Http;

namespace Alerts.LocalHost;

/// <summary>
/// The Azurite of <c>alerts run</c>: blob, queue and table, each a Node.js process of its own, because one event loop
/// serving all three is what limits the pipeline on Azurite (the table service saturates it). A service already
/// answering on its port is reused; a port held by another program is an error that names the service and the port.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    /// <summary>Azurite's services in the order of their ports, each run by <c>node_modules/.bin/azurite-&lt;service&gt;</c>.</summary>
    public static readonly IReadOnlyList<string> ServiceNames = ["blob", "queue", "table"];

    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    // Loopback only, never through a proxy; a probe that gets no answer in time is not Azurite (yet).
    private static readonly HttpClient Probe = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(5) };

    private LocalAzurite(IReadOnlyList<NodeService> services, AzuritePorts ports, string dataFolder)
    {
        Services = services;
        Ports = ports;
        DataFolder = dataFolder;
    }

    public IReadOnlyList<NodeService> Services { get; }
    public AzuritePorts Ports { get; }
    public string DataFolder { get; }

    /// <summary>
    /// The command line of one service. build/azurite.sh (test.sh, the load test) runs the same flags; keep the two in
    /// step (a test in Alerts.Tests compares them).
    /// </summary>
    public static IReadOnlyList<string> Arguments(string service, int port, string dataFolder) =>
    [
        "--silent", "--disableTelemetry", "--location", dataFolder,
        $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture),
        "--skipApiVersionCheck", "--loose",
    ];

    /// <summary>Starts the services not already answering, all at once, and returns when each answers as Azurite.</summary>
    public static async Task<LocalAzurite> StartAsync(string repoRoot, AzuritePorts ports, string dataFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        // Look at every port before starting anything, so a port held by another program starts nothing.
        var found = await Task.WhenAll(ServiceNames.Select(s => ProbeAsync(s, ports.Of(s), cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < ServiceNames.Count; i++)
        {
            if (found[i] == PortState.Other)
            {
                throw PortTaken(ServiceNames[i], ports.Of(ServiceNames[i]));
            }
        }

        var services = new List<NodeService>();
        try
        {
            for (var i = 0; i < ServiceNames.Count; i++)
            {
                var service = ServiceNames[i];
                var port = ports.Of(service);
                if (found[i] == PortState.Azurite)
                {
                    services.Add(NodeService.Reuse(DisplayName(service), port));
                    continue;
                }
                Directory.CreateDirectory(dataFolder);
                services.Add(NodeService.Launch(DisplayName(service), repoRoot, "azurite-" + service, Arguments(service, port, dataFolder), port));
            }
            await Task.WhenAll(services.Where(s => !s.Reused).Select((s, _) => WaitUntilAnswersAsync(s, cancellationToken))).ConfigureAwait(false);
            return new LocalAzurite(services, ports, dataFolder);
        }
        catch
        {
            await StopAsync(services).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Which services it started and which it found running, for the start-up log line.</summary>
    public string Describe()
    {
        var started = Services.Where(s => !s.Reused).Select(Where).ToList();
        var reused = Services.Where(s => s.Reused).Select(Where).ToList();
        var parts = new List<string>();
        if (started.Count > 0)
        {
            parts.Add($"started {string.Join(", ", started)} (a process each, data in {DataFolder})");
        }
        if (reused.Count > 0)
        {
            parts.Add($"already running {string.Join(", ", reused)}");
        }
        return string.Join("; ", parts);

        static string Where(NodeService s) => $"{s.Name.Replace("Azurite ", "", StringComparison.Ordinal)} 127.0.0.1:{s.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Stops the services it started, all at once; a reused one is left running.</summary>
    public ValueTask DisposeAsync() => new(StopAsync(Services));

    private static Task StopAsync(IEnumerable<NodeService> services) => Task.WhenAll(services.Select(s => s.DisposeAsync().AsTask()));

    private static string DisplayName(string service) => "Azurite " + service;

    private static InvalidOperationException PortTaken(string service, int port) =>
        new($"Azurite {service} cannot start: 127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)} is in use by another program that is not Azurite's {service} service. " +
            "Stop that program, or give alerts run other ports with --azurite-ports.");

    private static async Task WaitUntilAnswersAsync(NodeService service, CancellationToken cancellationToken)
    {
        var serviceName = service.Name.Replace("Azurite ", "", StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + StartPatience;
        while (await ProbeAsync(serviceName, service.Port, cancellationToken).ConfigureAwait(false) != PortState.Azurite)
        {
            if (service.HasExited)
            {
                // Give its last words a moment to be read.
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                var output = service.LastOutput;
                if (output.Contains("EADDRINUSE", StringComparison.Ordinal))
                {
                    throw PortTaken(serviceName, service.Port);
                }
                throw new InvalidOperationException($"{service.Name} exited before it answered on 127.0.0.1:{service.Port.ToString(CultureInfo.InvariantCulture)}: {(output.Length > 0 ? output : "it printed nothing")}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{service.Name} did not answer on 127.0.0.1:{service.Port.ToString(CultureInfo.InvariantCulture)} within {StartPatience.TotalSeconds:F0} s.");
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Free, Azurite's service of that name (by its Server header, as Azurite-Blob/3.x), or another program.</summary>
    private static async Task<PortState> ProbeAsync(string service, int port, CancellationToken cancellationToken)
    {
        if (!await NodeService.IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            return PortState.Free;
        }
        try
        {
            using var response = await Probe.GetAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"), cancellationToken).ConfigureAwait(false);
            var server = response.Headers.Server.ToString();
            return server.StartsWith("Azurite-" + service, StringComparison.OrdinalIgnoreCase) ? PortState.Azurite : PortState.Other;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return PortState.Other;
        }
    }

    private enum PortState
    {
        Free,
        Azurite,
        Other,
    }
}
