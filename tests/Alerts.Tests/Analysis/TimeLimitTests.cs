using System.Text;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Tests.Analysis;

/// <summary>An article whose analysis runs past the time limit is recorded as failed, and the next one is analysed.</summary>
public sealed class TimeLimitTests : IDisposable
{
    private readonly Mock<IAnalysisStore> _store = new();
    private readonly Mock<INewMatchesNotifier> _notifier = new();
    private readonly List<UploadRecord> _uploads = [];
    private readonly ManualResetEventSlim _release = new();

    public TimeLimitTests()
    {
        _store.Setup(s => s.GetAnalysisAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        _store.Setup(s => s.TryAddAnalysisAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _store.Setup(s => s.AddMatchesAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ArticleAnalysis a, CancellationToken _) => a.Matches);
        _store.Setup(s => s.SetUploadAsync(It.IsAny<UploadRecord>(), It.IsAny<CancellationToken>()))
            .Callback<UploadRecord, CancellationToken>((u, _) => _uploads.Add(u)).Returns(Task.CompletedTask);
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }

    private ArticleProcessor Processor(IEntityExtractor extractor) => new(
        new ArticleAnalyzer(extractor, new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System),
        _store.Object, _notifier.Object, Options.Create(new AnalysisOptions { TimeLimit = TimeSpan.FromSeconds(1) }),
        TimeProvider.System, NullLogger<ArticleProcessor>.Instance);

    private static MemoryStream Story(string text) => new(Encoding.UTF8.GetBytes("Curfew in capital\n\n" + text));

    [Fact(Timeout = 60_000)]
    public async Task An_analysis_that_never_finishes_is_recorded_too_complex_and_the_next_article_is_analysed()
    {
        var stuck = new Mock<IEntityExtractor>();
        stuck.Setup(e => e.ExtractAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(new TaskCompletionSource<EntityExtraction>().Task); // ignores cancellation: only the hard bound ends it

        var result = await Processor(stuck.Object).ProcessAsync("stuck.txt", Story("The government declared a state of emergency."), CancellationToken.None);

        Assert.Equal(UploadStatus.Failed, result.Upload.Status);
        Assert.Equal(ArticleParseReasons.TooComplex, result.Upload.Reason);
        Assert.Contains("Alerts__Analysis__TimeLimit", result.Upload.Message, StringComparison.Ordinal);
        Assert.Equal("stuck.txt", Assert.Single(_uploads).Name);

        var fine = new Mock<IEntityExtractor>();
        fine.Setup(e => e.ExtractAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EntityExtraction { Entities = [], Extractor = "test" });
        var next = await Processor(fine.Object).ProcessAsync("next.txt", Story("Troops arrived in Almaty on Friday."), CancellationToken.None);
        Assert.Equal(UploadStatus.Analysed, next.Upload.Status);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_step_that_holds_its_thread_does_not_hold_the_pipeline()
    {
        var blocking = new Mock<IEntityExtractor>();
        blocking.Setup(e => e.ExtractAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                _release.Wait(); // a pathological step that never looks at its token
                return Task.FromResult(new EntityExtraction { Entities = [], Extractor = "test" });
            });

        var result = await Processor(blocking.Object).ProcessAsync("blocking.txt", Story("The government declared a state of emergency."), CancellationToken.None);

        Assert.Equal(ArticleParseReasons.TooComplex, result.Upload.Reason);
    }

    [Fact]
    public void Matching_stops_when_its_time_is_up()
    {
        var matcher = new RuleMatcher(RuleLoader.LoadBuiltin().Rules);
        var article = Rules.BuiltinRuleTests.Story("The government declared a state of emergency.");

        Assert.ThrowsAny<OperationCanceledException>(() => matcher.Match(article, [], null, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void The_default_limit_is_half_a_minute()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), new AnalysisOptions().TimeLimit);
    }
}
