using Alerts.IntegrationTests.Faults;
using Alerts.IntegrationTests.Stories;
using Alerts.Tests.Stories;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Cli;

/// <summary><c>alerts stories prune</c> through the real binary, on the system clock: old rows go, live ones stay, and it says how many.</summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class StoriesPruneCommandTests
{
    [Fact]
    public async Task Alerts_stories_prune_deletes_the_rows_older_than_the_window_and_prints_how_many()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var rows = new StoryIndexRows(storage);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        string liveId;
        await using (var services = rows.Services(clock))
        {
            await StoryIndexRows.UploadAsync(services, "wire.txt", WireCopies.Outlet(0));
            clock.SetUtcNow(DateTimeOffset.UtcNow.AddHours(-1));
            liveId = (await StoryIndexRows.UploadAsync(services, "harbour.txt", StoryIndexRows.Harbour(0))).Article.Id;
        }
        var live = await rows.BucketRowsOfAsync(liveId);

        var (exit, output) = await AlertsCli.RunAsync(rows.Settings, "stories", "prune", "--max-rows", "20");

        Assert.True(exit == 0, output);
        Assert.Contains("Story index: 20 rows deleted (20 bucket rows, 0 article rows)", output, StringComparison.Ordinal);
        Assert.Contains("run it again", output, StringComparison.Ordinal);
        (exit, output) = await AlertsCli.RunAsync(rows.Settings, "stories", "prune");
        Assert.True(exit == 0, output);
        Assert.Contains("Story index: 13 rows deleted (12 bucket rows, 1 article rows)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("run it again", output, StringComparison.Ordinal);
        Assert.Equal(live, await rows.BucketRowsOfAsync(liveId));
        Assert.Equal(live + 1, await rows.RowsAsync());
    }
}
