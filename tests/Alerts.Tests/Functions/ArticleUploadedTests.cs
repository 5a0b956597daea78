using System.Text;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Functions;
using Alerts.Hosting;
using Alerts.Language;
using Alerts.Rules;
using Alerts.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Functions;

/// <summary>The blob-triggered function over an in-memory store; the Azurite-backed path is in Alerts.IntegrationTests.</summary>
public class ArticleUploadedTests
{
    private const string Story = "Curfew in capital\n\nThe government declared a state of emergency on Monday.";

    private readonly InMemoryAnalysisStore _store = new();
    private readonly TestExtractor _extractor = new();
    private readonly RecordingNotifier _notifier = new();

    private ArticleUploaded CreateFunction()
    {
        var analyzer = new ArticleAnalyzer(_extractor, new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System);
        var processor = new ArticleProcessor(analyzer, _store, _notifier, Options.Create(new AnalysisOptions()), TimeProvider.System, NullLogger<ArticleProcessor>.Instance);
        return new ArticleUploaded(new ArticleUploadHandler(processor));
    }

    private static MemoryStream Content(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_new_story_is_extracted_matched_stored_and_announced_once_to_immediate_subscribers()
    {
        await CreateFunction().RunAsync(Content(Story), "story.txt", CancellationToken.None);

        var analysis = Assert.Single(_store.Analyses);
        Assert.Equal(["state-of-emergency"], analysis.Matches.Select(m => m.Rule));
        var upload = await _store.GetUploadAsync("story.txt", CancellationToken.None);
        Assert.Equal((UploadStatus.Analysed, analysis.Article.Id, 1), (upload?.Status, upload?.ArticleId, upload?.MatchCount));
        var notified = Assert.Single(_notifier.Messages);
        Assert.Equal(analysis.Article.Id, notified.ArticleId);
        Assert.Equal(["state-of-emergency"], notified.Rules);
    }

    [Fact]
    public async Task The_same_story_under_another_name_is_a_duplicate_not_extracted_or_announced_again()
    {
        var function = CreateFunction();
        await function.RunAsync(Content(Story), "first.txt", CancellationToken.None);

        await function.RunAsync(Content(Story), "second.txt", CancellationToken.None);

        Assert.Equal(1, _extractor.Calls);
        Assert.Single(_notifier.Messages);
        var first = await _store.GetUploadAsync("first.txt", CancellationToken.None);
        var second = await _store.GetUploadAsync("second.txt", CancellationToken.None);
        Assert.Equal(UploadStatus.Duplicate, second?.Status);
        Assert.Equal(first?.ArticleId, second?.ArticleId);
        Assert.Contains("first.txt", second?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_upload_is_recorded_with_its_reason_and_does_not_throw()
    {
        await CreateFunction().RunAsync(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "photo.png", CancellationToken.None);

        var upload = await _store.GetUploadAsync("photo.png", CancellationToken.None);
        Assert.Equal((UploadStatus.Failed, "binary"), (upload?.Status, upload?.Reason));
        Assert.Empty(_store.Analyses);
        Assert.Equal(0, _extractor.Calls);
    }

    [Fact]
    public async Task Cancelling_during_extraction_stops_the_run_before_anything_is_recorded()
    {
        using var cts = new CancellationTokenSource();
        _extractor.WaitForCancellation = true;

        var run = CreateFunction().RunAsync(Content(Story), "story.txt", cts.Token);
        await _extractor.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Null(await _store.GetUploadAsync("story.txt", CancellationToken.None));
        Assert.Empty(_notifier.Messages);
    }

    [Fact]
    public async Task A_language_configuration_error_fails_the_invocation_so_it_is_retried_and_says_why_on_the_upload()
    {
        _extractor.Failure = LanguageConfigurationException.From(
            new Azure.RequestFailedException(401, "Access denied", "401", null), new Uri("https://lang.example/"));
        var function = CreateFunction();

        var thrown = await Assert.ThrowsAsync<LanguageConfigurationException>(() => function.RunAsync(Content(Story), "story.txt", CancellationToken.None));

        var upload = await _store.GetUploadAsync("story.txt", CancellationToken.None);
        Assert.Equal((UploadStatus.Failed, "language-config"), (upload?.Status, upload?.Reason));
        Assert.StartsWith(thrown.Message, upload?.Message, StringComparison.Ordinal);
        Assert.Contains("retried", upload?.Message, StringComparison.Ordinal);
        Assert.Empty(_store.Analyses);
        Assert.Empty(_notifier.Messages);

        // The retry after the setting is fixed analyses it; the row says so.
        _extractor.Failure = null;
        await function.RunAsync(Content(Story), "story.txt", CancellationToken.None);
        Assert.Equal(UploadStatus.Analysed, (await _store.GetUploadAsync("story.txt", CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task The_local_host_fails_the_invocation_alike_and_tells_the_person_running_it()
    {
        _extractor.Failure = LanguageConfigurationException.From(
            new Azure.RequestFailedException(403, "Forbidden", "403", null), new Uri("https://lang.example/"));
        var analyzer = new ArticleAnalyzer(_extractor, new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System);
        var processor = new ArticleProcessor(analyzer, _store, _notifier, Options.Create(new AnalysisOptions()), TimeProvider.System, NullLogger<ArticleProcessor>.Instance);
        var log = new Alerts.Tests.Language.ListLogger<Alerts.LocalHost.ActivityReporter>();
        var local = new Alerts.LocalHost.LocalFunctions(new ArticleUploadHandler(processor), null!, null!, null!, null!, null!, null!,
            new Alerts.LocalHost.ActivityReporter(log));

        await Assert.ThrowsAsync<LanguageConfigurationException>(() => local.ArticleUploadedAsync(Content(Story), "story.txt", null, CancellationToken.None));

        Assert.Equal("language-config", (await _store.GetUploadAsync("story.txt", CancellationToken.None))?.Reason);
        var line = Assert.Single(log.Entries).Message;
        Assert.Contains("Not analysed story.txt (language-config)", line, StringComparison.Ordinal);
        Assert.Contains("Cognitive Services Language Reader", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_blob_scan_leaves_an_upload_the_uploader_named_on_the_queue_and_analyses_any_other()
    {
        var analyzer = new ArticleAnalyzer(_extractor, new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System);
        var processor = new ArticleProcessor(analyzer, _store, _notifier, Options.Create(new AnalysisOptions()), TimeProvider.System, NullLogger<ArticleProcessor>.Instance);
        var local = new Alerts.LocalHost.LocalFunctions(new ArticleUploadHandler(processor), null!, null!, null!, null!, null!, null!,
            new Alerts.LocalHost.ActivityReporter(new Alerts.Tests.Language.ListLogger<Alerts.LocalHost.ActivityReporter>()));
        // As storage hands metadata back: its names in whatever case the service returns.
        var queued = new Dictionary<string, string>(StringComparer.Ordinal) { ["QueuedOn"] = Alerts.LocalHost.LocalQueues.ArticleUploads };

        await local.ArticleUploadedAsync(Content(Story), "queued.txt", queued, CancellationToken.None);
        await local.ArticleUploadedAsync(Content(Story + " Other tool."), "plain.txt", new Dictionary<string, string> { ["author"] = "x" }, CancellationToken.None);

        // The queue's to analyse: the scan read nothing and wrote nothing for it.
        Assert.Null(await _store.GetUploadAsync("queued.txt", CancellationToken.None));
        Assert.Equal(UploadStatus.Analysed, (await _store.GetUploadAsync("plain.txt", CancellationToken.None))?.Status);
        Assert.Equal(1, _extractor.Calls);
    }

    /// <summary>Finds no entities (rules match on the text alone); can wait until the run is cancelled.</summary>
    private sealed class TestExtractor : IEntityExtractor
    {
        public int Calls { get; private set; }

        public bool WaitForCancellation { get; set; }

        public Exception? Failure { get; set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
        {
            Calls++;
            Started.TrySetResult();
            if (Failure is not null)
            {
                throw Failure;
            }
            if (WaitForCancellation)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            return new EntityExtraction { Entities = [], Extractor = "test" };
        }
    }

    private sealed class RecordingNotifier : INewMatchesNotifier
    {
        public List<NewMatchesMessage> Messages { get; } = [];

        public Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }
}
