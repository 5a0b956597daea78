using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Alerts.Tests.Infra;

/// <summary>
/// The Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package (its <c>tools/bicep</c>), where restore put it;
/// the test project passes the path in an assembly attribute. Needs no network.
/// </summary>
internal static partial class BicepCli
{
    public static string Executable { get; } = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value ?? throw new InvalidOperationException("BicepPath is not set.");

    public static BicepRun Run(params string[] arguments) => RunIn(RepoPaths.Root, arguments);

    public static BicepRun RunIn(string workingDirectory, params string[] arguments)
    {
        Assert.True(File.Exists(Executable), $"The Bicep CLI is not at {Executable}: restore the test project.");
        EnsureExecutable();
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        // Both streams at once: the compiled template alone is far larger than a pipe's buffer.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took more than 3 minutes.");
        }
        return new BicepRun(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    // NuGet does not always keep the execute bit of a package's files.
    private static void EnsureExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(Executable);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(Executable, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    [GeneratedRegex(@"\) : (Warning|Error|Info) ", RegexOptions.CultureInvariant)]
    internal static partial Regex DiagnosticLine();
}

internal sealed record BicepRun(int ExitCode, string Output, string Error)
{
    /// <summary>Every diagnostic line (errors, warnings, linter findings), from either stream.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. (Output + "\n" + Error).Split('\n').Select(l => l.Trim()).Where(l => BicepCli.DiagnosticLine().IsMatch(l))];
}
