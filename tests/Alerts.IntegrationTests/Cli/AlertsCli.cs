using System.Diagnostics;
using System.Globalization;

namespace Alerts.IntegrationTests.Cli;

/// <summary>Runs the built <c>alerts</c> command as a person would, from the repository root, with settings as environment variables.</summary>
internal static class AlertsCli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var (exit, stdout, stderr) = await RunApartAsync(settings, args);
        return (exit, stdout + stderr);
    }

    /// <summary>Runs it and keeps standard output (what a script reads, such as <c>--json</c>) apart from standard error.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunApartAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var process = Start(settings, args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts it and returns at once, its output redirected for the caller to read (or drain).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestArticles.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alerts.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        info.Environment["COLUMNS"] = "200";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("alerts did not start.");
    }

    /// <summary><c>alerts run</c> on a free loopback port, its output drained so it never blocks on a full pipe.</summary>
    public static Process StartHost(IReadOnlyDictionary<string, string?> settings)
    {
        var process = Start(settings, "run", "--port", LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture));
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
