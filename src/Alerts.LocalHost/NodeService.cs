using System.Diagnostics;
using System.Net.Sockets;

namespace Alerts.LocalHost;

/// <summary>
/// A development service from the repo's pinned npm packages (Azurite, maildev), started on 127.0.0.1 when nothing
/// already listens on its port, and stopped on dispose only if this process started it. It also stops by itself
/// when this process ends without disposing it (a crash, SIGKILL): see exit-with-parent.cjs.
/// </summary>
public sealed class NodeService : IAsyncDisposable
{
    /// <summary>Preloaded into the service: it exits when its standard input, held by this process, closes.</summary>
    internal const string ExitWithParentScript = "exit-with-parent.cjs";

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly Process? _process;
    private readonly ServiceOutput? _output;

    private NodeService(string name, int port, Process? process, ServiceOutput? output)
    {
        Name = name;
        Port = port;
        _process = process;
        _output = output;
    }

    public string Name { get; }
    public int Port { get; }

    /// <summary>True when an instance was already listening and is being reused.</summary>
    public bool Reused => _process is null;

    /// <summary>The id of the process this started (for its own tests); null when reused.</summary>
    internal int? ProcessId => _process?.Id;

    /// <summary>True once a service this started has exited.</summary>
    internal bool HasExited => _process is { HasExited: true };

    /// <summary>What it printed last (its reason, when it failed to start).</summary>
    internal string LastOutput => _output?.Last ?? "";

    public static async Task<NodeService> StartAsync(string name, string repoRoot, string binary, IReadOnlyList<string> arguments, int port, CancellationToken cancellationToken)
    {
        if (await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            return Reuse(name, port);
        }
        var service = Launch(name, repoRoot, binary, arguments, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync(port, cancellationToken).ConfigureAwait(false))
        {
            if (service.HasExited || DateTime.UtcNow > deadline)
            {
                await service.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"{name} did not start listening on 127.0.0.1:{port}.");
            }
            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
        return service;
    }

    /// <summary>A service someone else runs: nothing to stop.</summary>
    internal static NodeService Reuse(string name, int port) => new(name, port, null, null);

    /// <summary>
    /// Starts <c>node node_modules/.bin/&lt;binary&gt;</c> (what the scripts run) with <see cref="ExitWithParentScript"/>
    /// preloaded, without waiting for it to listen.
    /// </summary>
    internal static NodeService Launch(string name, string repoRoot, string binary, IReadOnlyList<string> arguments, int port)
    {
        var path = Path.Combine(repoRoot, "node_modules", ".bin", binary);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{name} is not installed: run `npm ci` in {repoRoot} (it is pinned in package.json).");
        }
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, ExitWithParentScript));
        info.ArgumentList.Add(path);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start {name}: Node.js (`node`) is not on the PATH ({ex.Message}).", ex);
        }
        // Drain its output so a chatty service never blocks on a full pipe, keeping the last lines as its reason if it fails.
        var output = new ServiceOutput();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new NodeService(name, port, process, output);
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

    /// <summary>
    /// Closes its standard input, which stops it as the preloaded script does when this process dies (SIGTERM, so
    /// Azurite saves its data), and kills it if it is still running after a grace period.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // It is exiting already.
                }
                using var grace = new CancellationTokenSource(StopGrace);
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>The last lines a service printed, kept while its output is drained.</summary>
    private sealed class ServiceOutput
    {
        private readonly Queue<string> _lines = new();

        public string Last
        {
            get
            {
                lock (_lines)
                {
                    return string.Join(" | ", _lines);
                }
            }
        }

        public void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }
            lock (_lines)
            {
                _lines.Enqueue(line.Trim());
                if (_lines.Count > 5)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
