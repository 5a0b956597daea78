using Alerts.IntegrationTests.Faults;

namespace Alerts.IntegrationTests.Cli;

/// <summary>
/// The storage commands work with nothing but a storage account (the local defaults fill the rest, as for
/// <c>alerts run</c>), and a bad setting or unreachable storage is one line naming what to fix, not a stack trace.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class LocalDefaultsTests
{
    [Theory]
    [InlineData("send-digests")]
    [InlineData("subscriptions")]
    [InlineData("deliveries")]
    public async Task A_storage_command_works_with_only_the_storage_set(string command)
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();

        var (exit, output) = await AlertsCli.RunAsync(new Dictionary<string, string?> { ["AlertsStorage"] = storage.ConnectionString }, command);

        Assert.True(exit == 0, output);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("send-digests", "Alerts:Digests:MaxArticles", "many", "Alerts:Digests:MaxArticles")]
    [InlineData("subscriptions", "AlertsStorage", "not a connection string", "AlertsStorage")]
    [InlineData("deliveries", "AlertsStorage", "not a connection string", "AlertsStorage")]
    public async Task A_bad_setting_is_one_line_that_names_it(string command, string setting, string value, string named)
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var settings = new Dictionary<string, string?> { ["AlertsStorage"] = storage.ConnectionString, [setting] = value };

        var (exit, output) = await AlertsCli.RunAsync(settings, command);

        Assert.Equal(2, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, output);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a stack frame
    }

    [Fact]
    public async Task Storage_that_is_not_running_is_one_line()
    {
        // An Azurite connection string whose ports nothing listens on.
        await using var stopped = new RestartableAzurite();

        var (exit, output) = await AlertsCli.RunAsync(new Dictionary<string, string?> { ["AlertsStorage"] = stopped.ConnectionString }, "deliveries");

        Assert.Equal(2, exit);
        Assert.Contains("Storage is unreachable", output, StringComparison.Ordinal);
        Assert.Contains("AlertsStorage", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a stack frame
    }
}
