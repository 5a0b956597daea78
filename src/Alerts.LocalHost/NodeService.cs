using System.Diagnostics;
using System.Net.Sockets;

namespace Alerts.LocalHost;

/// <summary>
/// A development service from the repo's pinned npm packages (Azurite, maildev), started on 127.0.0.1 when nothing
/// already listens on its port, and stopped on dispose only if this process started it.
/// </summary>
public sealed class NodeService : IAsyncDisposable
{
    private readonly Process? _process;

    private NodeService(string name, int port, Process? process)
    {
        Name = name;
        Port = port;
        _process = process;
    }

    public string Name { get; }
    public int Port { get; }

    /// <summary>True when an instance was already listening and is being reused.</summary>
    public bool Reused => _process is null;

    public static async Task<NodeService> StartAsync(string name, string repoRoot, string binary, IReadOnlyList<string> arguments, int port, CancellationToken cancellationToken)
    {
        if (await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            return new NodeService(name, port, null);
        }
        var path = Path.Combine(repoRoot, "node_modules", ".bin", binary);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{name} is not installed: run `npm ci` in {repoRoot} (it is pinned in package.json).");
        }
        var info = new ProcessStartInfo(path) { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        // Drain its output so a chatty service never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var service = new NodeService(name, port, process);
                await service.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{name} did not start listening on 127.0.0.1:{port}.");
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        return new NodeService(name, port, process);
    }

    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
