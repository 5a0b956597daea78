using Alerts.Api;
using Alerts.Hosting;
using Alerts.IntegrationTests.Faults;
using Alerts.Outcomes;
using Alerts.Stories;
using Alerts.Tests.Stories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.IntegrationTests.Stories;

/// <summary>
/// The story index prune on real table storage: rows older than the window (plus the margin) go, rows inside it stay
/// and still fold copies; a run stops at its row limit and the next finishes; two runs at once share the work.
/// </summary>
[Collection(OwnAzuriteGroup.Name)]
public sealed class StoryIndexPruningTests
{
    private static readonly DateTimeOffset Start = new(2041, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_older_than_the_window_go_rows_inside_it_stay_and_only_the_live_story_still_folds_a_new_copy()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var rows = new StoryIndexRows(storage);
        var clock = new FakeTimeProvider(Start);
        await using var services = rows.Services(clock);
        var wire = await StoryIndexRows.UploadAsync(services, "wire.txt", WireCopies.Outlet(0));
        clock.Advance(TimeSpan.FromMinutes(5));
        var herald = await StoryIndexRows.UploadAsync(services, "herald.txt", WireCopies.Outlet(2));
        Assert.Equal(wire.Article.Id, herald.Story?.StoryId);
        clock.Advance(TimeSpan.FromHours(30));
        var harbour = await StoryIndexRows.UploadAsync(services, "harbour.txt", StoryIndexRows.Harbour(0));
        // The default window is 48 hours: the wire story's rows are 50 hours old, the harbour story's 20.
        clock.Advance(TimeSpan.FromHours(20));

        var pruned = await services.GetRequiredService<StoryPruneTimerHandler>().HandleAsync(CancellationToken.None);

        Assert.Equal(new StoryIndexPruned(BucketRows: 64, ArticleRows: 2, Complete: true), pruned);
        Assert.Equal(0, await rows.BucketRowsOfAsync(wire.Article.Id));
        Assert.Equal(0, await rows.BucketRowsOfAsync(herald.Article.Id));
        Assert.False(await rows.HasArticleRowAsync(wire.Article.Id));
        Assert.Equal(StorySignature.Of(harbour.Article.Body)!.BucketKeys().Count, await rows.BucketRowsOfAsync(harbour.Article.Id));
        Assert.True(await rows.HasArticleRowAsync(harbour.Article.Id));
        // The results still link the copy to its story: they read the stored analysis, not the index.
        var details = Assert.IsType<ArticleDetails>((await services.GetRequiredService<ResultsApi>().GetArticleAsync(herald.Article.Id, CancellationToken.None)).Json);
        Assert.Equal(wire.Article.Id, details.Story?.Id);

        var lateWireCopy = await StoryIndexRows.UploadAsync(services, "valley.txt", WireCopies.Outlet(1));
        var harbourCopy = await StoryIndexRows.UploadAsync(services, "bay.txt", StoryIndexRows.Harbour(1));
        Assert.Null(lateWireCopy.Story);
        Assert.Equal(harbour.Article.Id, harbourCopy.Story?.StoryId);

        // Nothing left that is old enough: a second run deletes nothing.
        Assert.Equal(new StoryIndexPruned(0, 0, true), await services.GetRequiredService<StoryIndexPruning>().PruneAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task A_run_stops_at_its_row_limit_and_the_next_run_deletes_the_rest()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var rows = new StoryIndexRows(storage);
        var clock = new FakeTimeProvider(Start);
        await using var services = rows.Services(clock);
        // Copies share most buckets: partitions of several rows, deleted in one transaction each.
        foreach (var outlet in new[] { 0, 1, 2 })
        {
            await StoryIndexRows.UploadAsync(services, $"copy-{outlet}.txt", WireCopies.Outlet(outlet));
        }
        await StoryIndexRows.UploadAsync(services, "harbour.txt", StoryIndexRows.Harbour(0));
        var old = await rows.RowsAsync();
        Assert.True(old > 100, $"{old} rows");
        clock.Advance(TimeSpan.FromDays(3));
        var pruning = services.GetRequiredService<StoryIndexPruning>();

        var first = await pruning.PruneAsync(maxRows: 40, CancellationToken.None);

        Assert.Equal(40, first.Deleted);
        Assert.False(first.Complete);
        Assert.Equal(old - 40, await rows.RowsAsync());
        var second = await pruning.PruneAsync(null, CancellationToken.None);
        Assert.True(second.Complete);
        Assert.Equal(old - 40, second.Deleted);
        Assert.Equal(4, second.ArticleRows);
        Assert.Equal(0, await rows.RowsAsync());
    }

    [Fact]
    public async Task Two_prunes_at_once_both_finish_and_delete_each_old_row_once_between_them()
    {
        await using var storage = new RestartableAzurite();
        await storage.StartAsync();
        var rows = new StoryIndexRows(storage);
        var clock = new FakeTimeProvider(Start);
        await using var services = rows.Services(clock);
        foreach (var outlet in new[] { 0, 1, 2, 3 })
        {
            await StoryIndexRows.UploadAsync(services, $"copy-{outlet}.txt", WireCopies.Outlet(outlet));
        }
        await StoryIndexRows.UploadAsync(services, "harbour.txt", StoryIndexRows.Harbour(0));
        clock.Advance(TimeSpan.FromDays(3));
        var live = await StoryIndexRows.UploadAsync(services, "bay.txt", StoryIndexRows.Harbour(1));
        var old = await rows.RowsAsync() - await rows.BucketRowsOfAsync(live.Article.Id) - 1;
        // Two instances: the timer on one, an operator's `alerts stories prune` on another.
        await using var other = rows.Services(clock);

        var both = await Task.WhenAll(
            services.GetRequiredService<StoryPruneTimerHandler>().HandleAsync(CancellationToken.None),
            other.GetRequiredService<StoryIndexPruning>().PruneAsync(null, CancellationToken.None));

        Assert.All(both, p => Assert.True(p.Complete));
        Assert.Equal(old, both.Sum(p => p.Deleted));
        Assert.Equal(await rows.BucketRowsOfAsync(live.Article.Id) + 1, await rows.RowsAsync());
        Assert.True(await rows.HasArticleRowAsync(live.Article.Id));
    }
}
