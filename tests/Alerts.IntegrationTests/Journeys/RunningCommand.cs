using System.Diagnostics;
using Alerts.IntegrationTests.Cli;

namespace Alerts.IntegrationTests.Journeys;

/// <summary>
/// An <c>alerts</c> command a journey leaves running in its own terminal (<c>alerts run</c>, <c>alerts receive</c>): the
/// built binary as a child process, its output kept line by line, to assert on as the person would read it and to put
/// in the message of a failing wait.
/// </summary>
internal sealed class RunningCommand : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private RunningCommand(string name, Process process)
    {
        Name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Its process id, to find the processes it started and to send it a signal.</summary>
    public int Id => _process.Id;

    /// <summary>Waits until it has exited; false when it is still running after the time given.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static RunningCommand Start(IReadOnlyDictionary<string, string?> settings, params string[] args) =>
        new("alerts " + string.Join(' ', args), AlertsCli.Start(settings, args));

    /// <summary>The last lines it printed, for a failure message.</summary>
    public string Tail(int count = 40)
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"\n--- last output of `{Name}` ({state}) ---\n" + string.Join('\n', Lines.TakeLast(count)) + "\n---";
    }

    /// <summary>Waits for a line it prints; fails with its output when it exits first or the time is up.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan within, string what, Func<string>? context = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }
            if (_process.HasExited || clock.Elapsed > within)
            {
                // Lines printed just before it exited are read after the exit is seen.
                await Task.Delay(200);
                if (Lines.FirstOrDefault(match) is { } late)
                {
                    return late;
                }
                Assert.Fail($"`{Name}` did not print {what} within {within.TotalSeconds:F0} s.{Tail()}{context?.Invoke()}");
            }
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // alerts run's maildev goes with it
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
