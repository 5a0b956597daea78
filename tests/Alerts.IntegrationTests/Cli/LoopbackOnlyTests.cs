using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.IntegrationTests.Faults;
using Alerts.LocalHost;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts run --mail</c> listens on loopback only: the API, and the mail catcher's SMTP and web inbox.</summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed partial class LoopbackOnlyTests
{
    [Fact]
    public async Task Nothing_that_alerts_run_starts_listens_beyond_loopback()
    {
        // The mail catcher's ports are fixed (1025, 1080); if another run already holds them, this run reuses it.
        var startsMail = !await NodeService.IsListeningAsync(1025, CancellationToken.None);
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var port = LoopbackPorts.Free();
        var settings = new Dictionary<string, string?> { ["AlertsStorage"] = storage.ConnectionString, ["AzureWebJobsStorage"] = storage.ConnectionString };
        using var run = AlertsCli.Start(settings, "run", "--mail", "--port", port.ToString(CultureInfo.InvariantCulture));
        var output = run.StandardOutput.ReadToEndAsync();
        var errors = run.StandardError.ReadToEndAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (!(await NodeService.IsListeningAsync(port, CancellationToken.None) && (!startsMail || await NodeService.IsListeningAsync(1080, CancellationToken.None))))
            {
                Assert.False(run.HasExited, "alerts run exited");
                Assert.True(DateTime.UtcNow < deadline, "alerts run did not start its API and mail inbox");
                await Task.Delay(250);
            }

            var listening = ListeningSockets(Descendants(run.Id));

            Assert.Contains(listening, l => l.EndsWith(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            if (startsMail)
            {
                Assert.Contains(listening, l => l.EndsWith(":1080", StringComparison.Ordinal));
                Assert.Contains(listening, l => l.EndsWith(":1025", StringComparison.Ordinal));
            }
            Assert.All(listening, l => Assert.True(l.StartsWith("127.0.0.1:", StringComparison.Ordinal) || l.StartsWith("[::1]:", StringComparison.Ordinal), l));
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            _ = await output + await errors;
        }
    }

    /// <summary>The process and every process it started, from /proc.</summary>
    private static HashSet<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // It exited while we looked.
                }
            }
        }
        var family = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (family.Contains(parent) && family.Add(pid))
                {
                    grew = true;
                }
            }
        }
        return family;
    }

    /// <summary>The local addresses of the listening TCP sockets these processes own, as <c>ss</c> shows them.</summary>
    private static List<string> ListeningSockets(HashSet<int> pids)
    {
        using var ss = Process.Start(new ProcessStartInfo("ss", "-ltnpH") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = ss.StandardOutput.ReadToEnd();
        ss.WaitForExit();
        var sockets = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Pid().Matches(line).Any(m => pids.Contains(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))))
            {
                sockets.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]);
            }
        }
        return sockets;
    }

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex Pid();
}
