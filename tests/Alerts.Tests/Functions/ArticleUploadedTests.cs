using System.Text;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Functions;
using Alerts.Rules;
using Alerts.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Alerts.Tests.Functions;

/// <summary>The function adapter over mocked ports; the Azurite-backed path is in Alerts.IntegrationTests.</summary>
public class ArticleUploadedTests
{
    private readonly Mock<IAnalysisStore> _store = new(MockBehavior.Strict);
    private readonly Mock<IEntityExtractor> _extractor = new(MockBehavior.Strict);
    private readonly Mock<INewMatchesNotifier> _notifier = new(MockBehavior.Strict);

    private ArticleUploaded CreateFunction()
    {
        var analyzer = new ArticleAnalyzer(_extractor.Object, new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System);
        var processor = new ArticleProcessor(analyzer, _store.Object, _notifier.Object, Options.Create(new AnalysisOptions()), TimeProvider.System, NullLogger<ArticleProcessor>.Instance);
        return new ArticleUploaded(processor);
    }

    private static MemoryStream Content(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_new_story_is_extracted_matched_and_stored()
    {
        ArticleAnalysis? saved = null;
        UploadRecord? upload = null;
        _store.Setup(s => s.GetAnalysisAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        _store.Setup(s => s.TryAddAnalysisAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>()))
            .Callback<ArticleAnalysis, CancellationToken>((a, _) => saved = a).ReturnsAsync(true);
        _store.Setup(s => s.AddMatchesAsync(It.IsAny<ArticleAnalysis>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ArticleAnalysis a, CancellationToken _) => a.Matches);
        _store.Setup(s => s.GetUploadAsync("story.txt", It.IsAny<CancellationToken>())).ReturnsAsync((UploadRecord?)null);
        _store.Setup(s => s.SetUploadAsync(It.IsAny<UploadRecord>(), It.IsAny<CancellationToken>()))
            .Callback<UploadRecord, CancellationToken>((u, _) => upload = u).Returns(Task.CompletedTask);
        _extractor.Setup(e => e.ExtractAsync(It.IsAny<string>(), "en", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EntityExtraction { Entities = [], Extractor = "test" });
        NewMatchesMessage? notified = null;
        _notifier.Setup(n => n.NotifyAsync(It.IsAny<NewMatchesMessage>(), It.IsAny<CancellationToken>()))
            .Callback<NewMatchesMessage, CancellationToken>((m, _) => notified = m).Returns(Task.CompletedTask);

        await CreateFunction().RunAsync(Content("Curfew in capital\n\nThe government declared a state of emergency on Monday."), "story.txt", CancellationToken.None);

        Assert.NotNull(saved);
        Assert.Equal(["state-of-emergency"], saved.Matches.Select(m => m.Rule));
        Assert.Equal(UploadStatus.Analysed, upload?.Status);
        Assert.Equal(saved.Article.Id, upload?.ArticleId);
        Assert.Equal(1, upload?.MatchCount);
        // Immediate subscribers hear about it once, with every rule it met.
        Assert.Equal(saved.Article.Id, notified?.ArticleId);
        Assert.Equal(["state-of-emergency"], notified?.Rules);
    }

    [Fact]
    public async Task A_story_already_analysed_is_not_extracted_again()
    {
        var body = "The government declared a state of emergency on Monday.";
        var stored = new ArticleAnalysis
        {
            Article = new Article { Id = ArticleParser.ComputeId(body), Name = "first.txt", Format = ArticleFormat.Text, Body = body },
            Entities = [],
            Matches = [],
            Extractor = "embedded",
            AnalyzedAt = DateTimeOffset.UnixEpoch,
        };
        _store.Setup(s => s.GetAnalysisAsync(stored.Article.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        _store.Setup(s => s.AddMatchesAsync(stored, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _store.Setup(s => s.GetUploadAsync("second.txt", It.IsAny<CancellationToken>())).ReturnsAsync((UploadRecord?)null);
        _store.Setup(s => s.SetUploadAsync(It.Is<UploadRecord>(u => u.Status == UploadStatus.Duplicate && u.ArticleId == stored.Article.Id), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await CreateFunction().RunAsync(Content(body), "second.txt", CancellationToken.None);

        _extractor.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
        _store.VerifyAll();
    }

    [Fact]
    public async Task A_refused_upload_is_recorded_and_does_not_throw()
    {
        _store.Setup(s => s.GetUploadAsync("photo.png", It.IsAny<CancellationToken>())).ReturnsAsync((UploadRecord?)null);
        _store.Setup(s => s.SetUploadAsync(It.Is<UploadRecord>(u => u.Status == UploadStatus.Failed && u.Reason == "binary"), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await CreateFunction().RunAsync(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "photo.png", CancellationToken.None);

        _store.VerifyAll();
        _extractor.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Cancellation_reaches_the_extractor()
    {
        using var cts = new CancellationTokenSource();
        _store.Setup(s => s.GetAnalysisAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);
        _extractor.Setup(e => e.ExtractAsync(It.IsAny<string>(), It.IsAny<string>(), cts.Token))
            .Returns<string, string, CancellationToken>((_, _, ct) => Task.FromCanceled<EntityExtraction>(ct));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CreateFunction().RunAsync(Content("Title\n\nBody text here."), "x.txt", cts.Token));
    }
}
