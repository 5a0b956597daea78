using System.Diagnostics;

namespace Alerts.Tests.Infra;

/// <summary>
/// Runs an azd hook of infra/hooks as azd does (sh or pwsh, the azd environment as variables), with stand-ins for
/// az, azd and curl on PATH: they answer from a state folder and log every call, so the hook runs for real offline.
/// </summary>
internal sealed class HookRun : IDisposable
{
    // The stand-ins: each call is logged; answers come from the variables below and from files in $FAKE_STATE.
    private const string Az = """
        #!/bin/sh
        echo "az $*" >> "$FAKE_STATE/log"
        case "$*" in
          "account show"*) [ "${FAKE_AZ_SIGNED_IN:-true}" = "true" ] || exit 1; echo "00000000-0000-0000-0000-000000000001" ;;
          "cognitiveservices account list-deleted"*) echo "${FAKE_DELETED_LANGUAGE_ACCOUNTS:-0}" ;;
          "cognitiveservices account list"*) [ "${FAKE_AZ_SIGNED_IN:-true}" = "true" ] || { echo "Please run 'az login'" >&2; exit 1; }; echo "${FAKE_LANGUAGE_ACCOUNTS:-0}" ;;
          "functionapp keys list"*)
            count=$(( $(cat "$FAKE_STATE/key-calls" 2>/dev/null || echo 0) + 1 )); echo "$count" > "$FAKE_STATE/key-calls"
            # Until the host has started, the key is not there: --query of a missing key prints nothing.
            if [ "${FAKE_KEY_FROM_CALL:-0}" -gt 0 ] && [ "$count" -ge "$FAKE_KEY_FROM_CALL" ]; then echo "blobs-extension-secret-value"; fi ;;
          *) echo "unexpected az call: $*" >&2; exit 2 ;;
        esac
        """;

    private const string Azd = """
        #!/bin/sh
        echo "azd $*" >> "$FAKE_STATE/log"
        mkdir -p "$FAKE_STATE/env"
        case "$1 $2" in
          "env get-value") [ -f "$FAKE_STATE/env/$3" ] || exit 1; cat "$FAKE_STATE/env/$3" ;;
          "env set") printf '%s' "$4" > "$FAKE_STATE/env/$3" ;;
          "provision --no-prompt") echo "provision with ALERTS_ARTICLE_EVENTS=$(cat "$FAKE_STATE/env/ALERTS_ARTICLE_EVENTS" 2>/dev/null)" >> "$FAKE_STATE/log"; exit "${FAKE_PROVISION_EXIT:-0}" ;;
          *) echo "unexpected azd call: $*" >&2; exit 2 ;;
        esac
        """;

    private const string Curl = """
        #!/bin/sh
        echo "curl $*" >> "$FAKE_STATE/log"
        """;

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("alerts-hook-");

    private readonly bool _withAz;

    /// <summary>Without az, PATH holds the stand-ins alone, so no az installed on this machine is found either.</summary>
    public HookRun(bool withAz = true)
    {
        _withAz = withAz;
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(State);
        File.WriteAllText(Path.Combine(State, "log"), "");
        Write("azd", Azd);
        Write("curl", Curl);
        if (withAz)
        {
            Write("az", Az);
        }
        else if (Shell("dotnet") is { } dotnet)
        {
            // PATH is the stand-ins alone then; pwsh installed as a .NET tool starts through dotnet.
            File.CreateSymbolicLink(Path.Combine(Bin, "dotnet"), dotnet);
        }
    }

    /// <summary>The shell to run hooks with: sh, or pwsh (or another program) when it is on PATH (null when it is not).</summary>
    public static string? Shell(string name) =>
        name == "sh" ? "/bin/sh"
        : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public string Bin => Path.Combine(_root.FullName, "bin");

    public string State => Path.Combine(_root.FullName, "state");

    /// <summary>Every call the hook made to az, azd and curl, in order.</summary>
    public IReadOnlyList<string> Calls => [.. File.ReadAllLines(Path.Combine(State, "log")).Where(l => l.Length > 0)];

    /// <summary>A value the hook left in the azd environment (azd env set), or null.</summary>
    public string? AzdEnv(string name) => File.Exists(Path.Combine(State, "env", name)) ? File.ReadAllText(Path.Combine(State, "env", name)) : null;

    public void SetAzdEnv(string name, string value)
    {
        Directory.CreateDirectory(Path.Combine(State, "env"));
        File.WriteAllText(Path.Combine(State, "env", name), value);
    }

    /// <summary>Runs infra/hooks/{hook}.sh with sh or {hook}.ps1 with pwsh, with these variables as azd would set them.</summary>
    public (int ExitCode, string Output, string Error) Run(string shell, string hook, IReadOnlyDictionary<string, string> variables)
    {
        var script = Path.Combine(InfraPaths.Infra, "hooks", hook + (shell.EndsWith("pwsh", StringComparison.Ordinal) ? ".ps1" : ".sh"));
        var start = new ProcessStartInfo(shell)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        if (shell.EndsWith("pwsh", StringComparison.Ordinal))
        {
            start.ArgumentList.Add("-NoProfile");
            start.ArgumentList.Add("-NonInteractive");
            start.ArgumentList.Add("-File");
        }
        start.ArgumentList.Add(script);
        // Only the stand-ins and the system's basic tools: a real az or azd on this machine is never reached.
        start.Environment.Clear();
        start.Environment["PATH"] = _withAz ? $"{Bin}{Path.PathSeparator}/usr/bin{Path.PathSeparator}/bin" : Bin;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } dotnetRoot)
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot; // pwsh as a .NET tool needs it
        }
        start.Environment["HOME"] = _root.FullName;
        start.Environment["FAKE_STATE"] = State;
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{hook} did not end within a minute.");
        }
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    public void Dispose() => _root.Delete(recursive: true);

    private void Write(string name, string script)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
