using System.Globalization;

namespace Alerts.LocalHost;

/// <summary>Where the Azurite of <c>alerts run</c> listens on 127.0.0.1: a port for each of its three services.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>Azurite's own defaults, which <c>UseDevelopmentStorage=true</c> points at.</summary>
    public static AzuritePorts Default { get; } = new(10000, 10001, 10002);

    // Azurite's well-known development account; it is public and only valid against the emulator.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The storage connection string for an Azurite on these ports (as build/azurite.sh sets it).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
        $"BlobEndpoint=http://127.0.0.1:{P(Blob)}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{P(Queue)}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{P(Table)}/devstoreaccount1;";

    /// <summary>The port of a service by its Azurite name: blob, queue or table.</summary>
    public int Of(string service) => service switch
    {
        "blob" => Blob,
        "queue" => Queue,
        "table" => Table,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Azurite's services are blob, queue and table."),
    };

    /// <summary>Reads <c>blob,queue,table</c>, for example <c>10000,10001,10002</c>.</summary>
    public static AzuritePorts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var ports = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ports[i]) || ports[i] is < 1 or > 65535)
            {
                ports = [];
                break;
            }
        }
        if (ports.Length != 3 || ports.Distinct().Count() != 3)
        {
            throw new InvalidOperationException($"Azurite's ports are '{text}': give three different ports for blob, queue and table, as 10000,10001,10002.");
        }
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }

    public override string ToString() => $"{P(Blob)},{P(Queue)},{P(Table)}";

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);
}
