using Alerts.Stories;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Stories;

/// <summary>Which rows the prune takes: older than the window by more than the margin, never one a lookup could still read.</summary>
public class StoryIndexPruningTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private StoryIndexPruning Pruning(InMemoryStoryIndex index, TimeSpan window) =>
        new(index, Options.Create(new StoryOptions { Window = window }), _clock, NullLogger<StoryIndexPruning>.Instance);

    [Fact]
    public async Task A_row_just_past_the_window_stays_for_the_margin_and_goes_after_it()
    {
        var index = new InMemoryStoryIndex(_clock);
        var signature = StorySignature.Of(string.Join("\n\n", WireCopies.Body))!;
        await index.AddToBucketsAsync("wire", signature.BucketKeys(), CancellationToken.None);
        await index.AddArticleAsync(new StoryArticle { ArticleId = "wire", UploadedAt = _clock.GetUtcNow(), Signature = signature }, CancellationToken.None);
        var pruning = Pruning(index, TimeSpan.FromHours(6));

        _clock.Advance(TimeSpan.FromHours(6) + StoryIndexPruning.Margin - TimeSpan.FromMinutes(1));
        Assert.Equal(new StoryIndexPruned(0, 0, true), await pruning.PruneAsync(null, CancellationToken.None));
        Assert.NotNull(await index.GetArticleAsync("wire", CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(new StoryIndexPruned(signature.BucketKeys().Count, 1, true), await pruning.PruneAsync(null, CancellationToken.None));
        Assert.Null(await index.GetArticleAsync("wire", CancellationToken.None));
        Assert.Empty(await index.FindAsync(signature.BucketKeys(), DateTimeOffset.MinValue, CancellationToken.None));
    }

    [Fact]
    public async Task A_row_limit_below_one_is_refused()
    {
        var pruning = Pruning(new InMemoryStoryIndex(_clock), TimeSpan.FromHours(6));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => pruning.PruneAsync(0, CancellationToken.None));
    }
}
