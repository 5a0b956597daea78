using Alerts.LocalHost;

namespace Alerts.Tests.Hosting;

/// <summary>
/// <c>alerts run</c> (C#) and build/azurite.sh (test.sh, the load test) start Azurite's three services with one command
/// line: the same flags in the same order, so what the tests and measurements run is what a developer runs.
/// </summary>
public sealed class AzuriteCommandLineTests
{
    [Theory]
    [InlineData("blob")]
    [InlineData("queue")]
    [InlineData("table")]
    public void Alerts_run_starts_each_Azurite_service_with_the_flags_of_build_azurite_sh(string service)
    {
        var script = File.ReadAllLines(RepoPaths.Combine("build", "azurite.sh"));
        var start = Array.FindIndex(script, l => l.Contains("node_modules/.bin/azurite-$service", StringComparison.Ordinal));
        Assert.True(start >= 0, "build/azurite.sh no longer starts node_modules/.bin/azurite-$service.");
        var words = new List<string>();
        for (var i = start; i < script.Length; i++)
        {
            words.AddRange(script[i].TrimEnd('\\').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (!script[i].TrimEnd().EndsWith('\\'))
            {
                break;
            }
        }
        var scriptFlags = words.Select(w => w.Trim('"').Replace("${service}", service, StringComparison.Ordinal)).Where(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();

        var arguments = LocalAzurite.Arguments(service, 10000, "/data");
        var hostFlags = arguments.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToList();

        Assert.Equal(scriptFlags, hostFlags);
        Assert.Equal("127.0.0.1", arguments[arguments.ToList().IndexOf($"--{service}Host") + 1]);
        Assert.Contains($"\"--{service}Host\" 127.0.0.1", string.Join(' ', words).Replace("${service}", service, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
