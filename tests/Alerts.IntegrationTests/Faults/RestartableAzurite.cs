using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Alerts.IntegrationTests.Faults;

/// <summary>
/// An Azurite of the test's own, from the repo's pinned npm package, that the test can stop and start again on the
/// same ports and data folder: storage going away under a running pipeline, for real.
/// </summary>
internal sealed class RestartableAzurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _data = Directory.CreateTempSubdirectory("alerts-faults-azurite.").FullName;
    private readonly int _blobPort = LoopbackPorts.Free();
    private readonly int _queuePort = LoopbackPorts.Free();
    private readonly int _tablePort = LoopbackPorts.Free();
    private readonly string _clock = Path.Combine(Path.GetTempPath(), $"alerts-faults-azurite-clock.{Guid.NewGuid():N}.js");
    private Process? _process;

    /// <summary>
    /// Lets <see cref="MoveClockAheadAsync"/> move storage's clock while it runs; set before <see cref="StartAsync"/>.
    /// </summary>
    public bool MovableClock { get; init; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var root = TestArticles.RepoRoot;
        var info = new ProcessStartInfo(Path.Combine(root, "node_modules", ".bin", "azurite"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
        {
            "--silent", "--location", _data, "--blobHost", "127.0.0.1", "--blobPort", P(_blobPort), "--queueHost", "127.0.0.1",
            "--queuePort", P(_queuePort), "--tableHost", "127.0.0.1", "--tablePort", P(_tablePort), "--skipApiVersionCheck", "--loose",
        })
        {
            info.ArgumentList.Add(a);
        }
        if (MovableClock)
        {
            // Node loads this before Azurite: every "now" Azurite reads (visibility, leases, expiry) moves alike.
            await File.WriteAllTextAsync(_clock, AheadClockScript);
            info.Environment["NODE_OPTIONS"] = $"--require {_clock}";
            info.Environment["ALERTS_TEST_CLOCK_FILE"] = _clock + ".ahead";
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { errors.Enqueue(line); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { errors.Enqueue(line); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in new[] { _blobPort, _queuePort, _tablePort })
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!await ListeningAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{port}: {string.Join(" | ", errors)}");
                }
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Moves storage's clock <paramref name="ahead"/> of the machine's, at once and without a restart: time passing for
    /// storage alone, such as the queue leases of a killed host running out (the WebJobs SDK and the Functions host take
    /// a message for 10 minutes) without the test waiting for them. Returns once Azurite has taken the new time.
    /// </summary>
    public async Task MoveClockAheadAsync(TimeSpan ahead)
    {
        if (!MovableClock || _process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("Storage's clock moves only in a running Azurite started with MovableClock.");
        }
        var ms = ((long)ahead.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(_clock + ".ahead.taken");
        await File.WriteAllTextAsync(_clock + ".ahead", ms);
        using (var signal = Process.Start("kill", ["-USR2", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!File.Exists(_clock + ".ahead.taken") || await File.ReadAllTextAsync(_clock + ".ahead.taken") != ms)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("Azurite did not move its clock.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Takes storage away: connections drop and every request is refused until <see cref="StartAsync"/>. Azurite is
    /// stopped with SIGTERM so it flushes what it acknowledged, as real storage keeps acknowledged writes; a SIGKILL
    /// would lose the emulator's last few seconds and test the emulator, not the pipeline.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// kill -9 and a fresh data folder: storage comes back without anything it held, the worst case of the emulator
    /// losing its most recent writes (containers, queues, tables and the blob trigger's receipts all gone).
    /// </summary>
    public async Task KillAndLoseWritesAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        Directory.Delete(_data, recursive: true);
        Directory.CreateDirectory(_data);
    }

    public async ValueTask DisposeAsync()
    {
        // Its data is deleted next: nothing to flush, so no SIGTERM and no wait for a clean exit.
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
        foreach (var file in new[] { _clock, _clock + ".ahead", _clock + ".ahead.taken" })
        {
            File.Delete(file);
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    // Date and Date.now() run ahead by the milliseconds in the file named by ALERTS_TEST_CLOCK_FILE, read on SIGUSR2
    // (Node keeps SIGUSR1 for its debugger) and written back to ".taken" once in force.
    private const string AheadClockScript = """
        'use strict';
        const fs = require('fs');
        const file = process.env.ALERTS_TEST_CLOCK_FILE;
        let ahead = 0;
        const RealDate = Date;
        function AheadDate(...args) {
          if (!new.target) { return new RealDate(RealDate.now() + ahead).toString(); }
          return args.length === 0 ? new RealDate(RealDate.now() + ahead) : new RealDate(...args);
        }
        AheadDate.prototype = RealDate.prototype;
        AheadDate.now = () => RealDate.now() + ahead;
        AheadDate.parse = RealDate.parse;
        AheadDate.UTC = RealDate.UTC;
        globalThis.Date = AheadDate;
        process.on('SIGUSR2', () => {
          ahead = Number(fs.readFileSync(file, 'utf8'));
          fs.writeFileSync(file + '.taken', String(ahead));
        });
        """;

    private static string P(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
