using System.Globalization;
using Alerts.IntegrationTests.Faults;
using Alerts.IntegrationTests.Journeys;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Alerts.IntegrationTests.Cli;

/// <summary>
/// <c>alerts run</c> with the development storage starts its own Azurite: blob, queue and table as three processes of
/// its own, on loopback, that go when it goes (SIGTERM, or killed outright), and a port another program holds stops it
/// with a line naming the service and the port. Ports and data are the test's own (<c>--azurite-ports</c>,
/// <c>--azurite-data</c>), never 10000-10002 and <c>.azurite/</c>, which a developer's run on this machine may hold.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class RunStartsAzuriteTests : IDisposable
{
    private static readonly string[] Services = ["blob", "queue", "table"];
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("alerts-run-azurite.");
    private readonly int[] _ports = [LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free()];

    [Fact]
    public async Task Alerts_run_starts_blob_queue_and_table_as_three_processes_that_answer_and_stop_with_it_on_SIGTERM()
    {
        using var run = Start();
        await run.WaitForLineAsync(l => l.Contains("Ready:", StringComparison.Ordinal), LocalRun.Patience, "that it is ready");

        var children = AzuriteChildren(run);
        foreach (var (service, port) in Services.Zip(_ports))
        {
            var commandLine = Assert.Single(children, c => c.Service == service).CommandLine;
            Assert.Contains($"--{service}Host 127.0.0.1", commandLine, StringComparison.Ordinal);
            Assert.Contains($"--{service}Port {P(port)}", commandLine, StringComparison.Ordinal);
            Assert.Contains("--disableTelemetry", commandLine, StringComparison.Ordinal);
            Assert.Contains($"--location {_data.FullName}", commandLine, StringComparison.Ordinal);
        }
        Assert.Equal(3, children.Count);

        // Each answers as the pipeline's storage does, through the SDK.
        var connection = new Alerts.LocalHost.AzuritePorts(_ports[0], _ports[1], _ports[2]).ConnectionString;
        await new BlobServiceClient(connection).GetPropertiesAsync();
        await new QueueServiceClient(connection).GetPropertiesAsync();
        await new TableServiceClient(connection).GetPropertiesAsync();

        Signal(run, "TERM");
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"alerts run did not stop on SIGTERM.{run.Tail()}");
        await AssertGoneAsync(children, run);
        Assert.True(File.Exists(Path.Combine(_data.FullName, "__azurite_db_table__.json")), "Azurite's data is in the folder given with --azurite-data.");
    }

    [Fact]
    public async Task Azurite_stops_by_itself_when_alerts_run_is_killed_outright()
    {
        using var run = Start();
        await run.WaitForLineAsync(l => l.Contains("Ready:", StringComparison.Ordinal), LocalRun.Patience, "that it is ready");
        var children = AzuriteChildren(run);
        Assert.Equal(3, children.Count);

        // A crash runs no clean-up of its own: SIGKILL is the worst case of one.
        Signal(run, "KILL");
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(30)), "alerts run survived SIGKILL.");
        await AssertGoneAsync(children, run);
        Assert.Empty(ProcessesNaming(_ports));
    }

    [Fact]
    public async Task A_port_held_by_another_program_stops_alerts_run_with_the_service_and_port_and_starts_nothing()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        _ports[1] = taken;

        var (exit, output) = await AlertsCli.RunAsync(Settings(), Arguments());

        Assert.Equal(1, exit);
        Assert.Contains($"Azurite queue cannot start: 127.0.0.1:{P(taken)} is in use by another program", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Ready:", output, StringComparison.Ordinal);
        Assert.Empty(ProcessesNaming(_ports));
    }

    public void Dispose()
    {
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private RunningCommand Start() => RunningCommand.Start(Settings(), Arguments());

    private string[] Arguments() =>
        ["run", "--port", P(LoopbackPorts.Free()), "--azurite-ports", string.Join(',', _ports.Select(P)), "--azurite-data", _data.FullName];

    /// <summary>The development storage, whatever the environment says, and a digest timer that never fires.</summary>
    private static Dictionary<string, string?> Settings() => new()
    {
        ["AlertsStorage"] = "UseDevelopmentStorage=true",
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["DigestSchedule"] = "0 0 0 1 1 *",
    };

    private static void Signal(RunningCommand run, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", P(run.Id)]);
        kill.WaitForExit();
    }

    /// <summary>Its child processes that run an Azurite service (node ... azurite-&lt;service&gt; ...), from /proc.</summary>
    private static List<(int Pid, string Service, string CommandLine)> AzuriteChildren(RunningCommand run)
    {
        var found = new List<(int, string, string)>();
        foreach (var (pid, parent, commandLine) in Processes())
        {
            if (parent == run.Id && Services.FirstOrDefault(s => commandLine.Contains($"azurite-{s} ", StringComparison.Ordinal)) is { } service)
            {
                found.Add((pid, service, commandLine));
            }
        }
        Assert.True(found.Count > 0, $"alerts run has no Azurite child processes.{run.Tail()}");
        return found;
    }

    /// <summary>
    /// Any process on this machine whose command line names one of these ports as an Azurite port (whether a port is
    /// listened on says less: on a busy machine another program may take a free port as soon as it is let go).
    /// </summary>
    private static List<string> ProcessesNaming(int[] ports) =>
        [.. Processes().Select(p => p.CommandLine).Where(c => Services.Any(s => ports.Any(port => c.Contains($"--{s}Port {P(port)}", StringComparison.Ordinal))))];

    private static async Task AssertGoneAsync(List<(int Pid, string Service, string CommandLine)> children, RunningCommand run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (children.Any(c => Alive(c.Pid)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.All(children, c => Assert.False(Alive(c.Pid), $"Azurite {c.Service} (pid {P(c.Pid)}) is still running after alerts run ended.{run.Tail()}"));
    }

    /// <summary>Running, and not a zombie waiting to be reaped.</summary>
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{P(pid)}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static IEnumerable<(int Pid, int Parent, string CommandLine)> Processes()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string stat, commandLine;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // it exited while we looked
            }
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            yield return (pid, parent, commandLine);
        }
    }

    private static string P(int value) => value.ToString(CultureInfo.InvariantCulture);
}
