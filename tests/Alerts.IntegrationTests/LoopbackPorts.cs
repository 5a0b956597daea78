using System.Net;
using System.Net.Sockets;

namespace Alerts.IntegrationTests;

/// <summary>
/// Free ports on 127.0.0.1 for servers the tests start (and may stop and start again on the same port). They come from
/// below the kernel's ephemeral range, so no outgoing connection of a parallel test can take one between the check and
/// the server binding it; and no port is handed out twice in one test run.
/// </summary>
internal static class LoopbackPorts
{
    private static readonly HashSet<int> Given = [];
    private static readonly int Ceiling = EphemeralLow();

    public static int Free()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(20_000, Ceiling);
                if (Given.Contains(port) || !CanBind(port))
                {
                    continue;
                }
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException("No free port on 127.0.0.1 below the ephemeral range.");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralLow()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var low) && low > 21_000
            ? low
            : 32_768;
    }
}
