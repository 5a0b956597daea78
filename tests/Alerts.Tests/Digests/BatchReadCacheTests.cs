using Alerts.Analysis;
using Alerts.Digests;
using Alerts.Storage;
using Moq;

namespace Alerts.Tests.Digests;

/// <summary>A batch reads each rule's window and each analysis once, however many of its subscribers share them.</summary>
public sealed class BatchReadCacheTests
{
    private static readonly DateTimeOffset Start = new(2031, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Many_subscribers_of_one_rule_and_window_cause_one_read_of_each()
    {
        var store = new Mock<IAnalysisStore>();
        store.Setup(s => s.GetRuleMatchesAsync("r", Start, Start.AddHours(1), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Array.Empty<RuleMatchRef>());
        store.Setup(s => s.GetAnalysisAsync("a", It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        var cache = new BatchReadCache(store.Object, capacity: 10);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetRuleMatchesAsync("r", Start, Start.AddHours(1), CancellationToken.None)));
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cache.GetAnalysisAsync("a", CancellationToken.None)));

        store.Verify(s => s.GetRuleMatchesAsync("r", Start, Start.AddHours(1), It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.GetAnalysisAsync("a", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Past_its_capacity_it_reads_through_instead_of_growing()
    {
        var store = new Mock<IAnalysisStore>();
        store.Setup(s => s.GetAnalysisAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        var cache = new BatchReadCache(store.Object, capacity: 2);

        foreach (var id in new[] { "a", "b", "c", "a", "b", "c" })
        {
            await cache.GetAnalysisAsync(id, CancellationToken.None);
        }

        store.Verify(s => s.GetAnalysisAsync("a", It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.GetAnalysisAsync("b", It.IsAny<CancellationToken>()), Times.Once);
        store.Verify(s => s.GetAnalysisAsync("c", It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_failed_read_is_tried_again_by_the_next_subscriber()
    {
        var store = new Mock<IAnalysisStore>();
        store.SetupSequence(s => s.GetAnalysisAsync("a", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("storage hiccup"))
            .ReturnsAsync((ArticleAnalysis?)null);
        var cache = new BatchReadCache(store.Object, capacity: 10);

        await Assert.ThrowsAsync<IOException>(() => cache.GetAnalysisAsync("a", CancellationToken.None));
        Assert.Null(await cache.GetAnalysisAsync("a", CancellationToken.None));
    }
}
