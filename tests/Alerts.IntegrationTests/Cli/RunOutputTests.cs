namespace Alerts.IntegrationTests.Cli;

/// <summary>
/// <c>alerts run</c> redirected to a file: log lines in one style, none wrapped. (The journeys check the same of a whole
/// run; this is the failing start, quick and without storage.)
/// </summary>
public sealed class RunOutputTests
{
    [Fact]
    public async Task A_bad_setting_stops_alerts_run_with_one_unwrapped_log_line_saying_what_to_fix()
    {
        var value = "not-a-port-" + new string('x', 120);
        var settings = new Dictionary<string, string?>
        {
            // Not the development storage, so it starts no Azurite; the mail catcher is refused before anything starts.
            ["AlertsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            ["Alerts:Email:SmtpPort"] = value,
        };

        var (exit, output) = await AlertsCli.RunAsync(settings, "run", "--mail", "--port", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Matches(RunLogStyle.Line(), line);
        Assert.Contains(" fail: ", line, StringComparison.Ordinal);
        Assert.Contains($"Alerts:Email:SmtpPort is '{value}', not a port number", line, StringComparison.Ordinal);
    }
}
