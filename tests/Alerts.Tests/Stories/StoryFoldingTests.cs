using System.Text;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Entities;
using Alerts.Rules;
using Alerts.Stories;
using Alerts.Tests.Functions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Stories;

/// <summary>Uploads through the upload processor with folding on, over in-memory stores: what gets announced for alerts.</summary>
public class StoryFoldingTests
{
    private const string Detentions = "In the capital, police detained more than 300 people at a protest against the government's handling of the floods.";

    private readonly InMemoryAnalysisStore _store = new();
    private readonly RecordingNotifier _notifier = new();

    private ArticleProcessor Processor(TimeProvider time, InMemoryStoryIndex? index = null)
    {
        var analyzer = new ArticleAnalyzer(new NoEntities(), new RuleCatalog(RuleLoader.LoadBuiltin()), time);
        var folder = new StoryFolder(index ?? new InMemoryStoryIndex(time), Options.Create(new StoryOptions()), time, NullLogger<StoryFolder>.Instance);
        return new ArticleProcessor(analyzer, _store, _notifier, Options.Create(new AnalysisOptions()), time, NullLogger<ArticleProcessor>.Instance, folder);
    }

    private static Task<ProcessingResult> UploadAsync(ArticleProcessor processor, string name, string text) =>
        processor.ProcessAsync(name, new MemoryStream(Encoding.UTF8.GetBytes(text)), CancellationToken.None);

    [Fact]
    public async Task Three_outlets_copies_of_one_story_are_announced_once_and_the_later_two_name_the_first_as_their_story()
    {
        var processor = Processor(TimeProvider.System);
        var first = await UploadAsync(processor, "wire.txt", WireCopies.Outlet(0));
        var second = await UploadAsync(processor, "valley.txt", WireCopies.Outlet(1));
        var third = await UploadAsync(processor, "herald.txt", WireCopies.Outlet(2));

        var message = Assert.Single(_notifier.Messages);
        Assert.Equal(first.Analysis!.Article.Id, message.ArticleId);
        Assert.Null(first.Analysis.Story);
        foreach (var copy in new[] { second, third })
        {
            Assert.Equal(first.Analysis.Article.Id, copy.Analysis!.Story?.StoryId);
            Assert.False(copy.Analysis.Story!.IsUpdate);
            Assert.Contains("northwire.example", copy.Analysis.Story.Outlets);
            Assert.Contains("Another outlet's copy of story", copy.Upload.Message, StringComparison.Ordinal);
        }
        Assert.Equal(["northwire.example", "valleytimes.example"], third.Analysis!.Story!.Outlets);
    }

    [Fact]
    public async Task A_copy_with_substantial_new_reporting_is_announced_again_as_an_update_with_all_its_rules()
    {
        var processor = Processor(TimeProvider.System);
        var first = await UploadAsync(processor, "wire.txt", WireCopies.Outlet(0));
        await UploadAsync(processor, "valley.txt", WireCopies.Outlet(1));
        var update = await UploadAsync(processor, "coast.txt", WireCopies.Outlet(3));

        Assert.Equal(2, _notifier.Messages.Count);
        var story = update.Analysis!.Story!;
        Assert.True(story.IsUpdate);
        Assert.True(story.NewText >= StoryFolder.SubstantialNewText, $"{story.NewText}");
        Assert.Equal(first.Analysis!.Article.Id, story.StoryId);
        Assert.Equal(update.Analysis.Matches.Select(m => m.Rule), _notifier.Messages[1].Rules);
    }

    [Fact]
    public async Task A_copy_meeting_a_rule_the_story_had_not_met_is_announced_for_that_rule_only()
    {
        var processor = Processor(TimeProvider.System);
        var first = await UploadAsync(processor, "wire.txt", WireCopies.Outlet(0));
        var withDetentions = WireCopies.Outlet(1).Replace(WireCopies.Body[6], WireCopies.Body[6] + " " + Detentions, StringComparison.Ordinal);
        var copy = await UploadAsync(processor, "valley.txt", withDetentions);

        Assert.DoesNotContain(first.Analysis!.Matches, m => m.Rule == "mass-detentions");
        Assert.Equal(["mass-detentions"], copy.Analysis!.Story!.NewRules);
        Assert.True(copy.Analysis.Story.IsUpdate);
        Assert.Equal(["mass-detentions"], _notifier.Messages[^1].Rules);
        Assert.Equal(2, _notifier.Messages.Count);
    }

    [Fact]
    public async Task Two_copies_analysed_at_the_same_moment_converge_on_one_story_and_only_one_is_announced()
    {
        for (var round = 0; round < 20; round++)
        {
            var store = new InMemoryAnalysisStore();
            var notifier = new RecordingNotifier();
            var index = new InMemoryStoryIndex(TimeProvider.System);
            ArticleProcessor Make()
            {
                var analyzer = new ArticleAnalyzer(new NoEntities(), new RuleCatalog(RuleLoader.LoadBuiltin()), TimeProvider.System);
                var folder = new StoryFolder(index, Options.Create(new StoryOptions()), TimeProvider.System, NullLogger<StoryFolder>.Instance);
                return new ArticleProcessor(analyzer, store, notifier, Options.Create(new AnalysisOptions()), TimeProvider.System, NullLogger<ArticleProcessor>.Instance, folder);
            }
            var results = await Task.WhenAll(
                Task.Run(() => UploadAsync(Make(), "valley.txt", WireCopies.Outlet(1))),
                Task.Run(() => UploadAsync(Make(), "herald.txt", WireCopies.Outlet(2))));

            Assert.Single(notifier.Messages);
            var head = Assert.Single(results, r => r.Analysis!.Story is null);
            Assert.Equal(head.Analysis!.Article.Id, Assert.Single(results, r => r.Analysis!.Story is not null).Analysis!.Story!.StoryId);
        }
    }

    [Fact]
    public async Task A_copy_of_a_story_older_than_the_window_is_a_story_of_its_own()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero));
        var processor = Processor(time);
        await UploadAsync(processor, "wire.txt", WireCopies.Outlet(0));
        time.Advance(new StoryOptions().Window + TimeSpan.FromMinutes(1));

        var late = await UploadAsync(processor, "valley.txt", WireCopies.Outlet(1));

        Assert.Null(late.Analysis!.Story);
        Assert.Equal(2, _notifier.Messages.Count);
    }

    [Fact]
    public async Task A_lookup_reads_one_bucket_per_band_however_many_stories_are_kept()
    {
        var index = new InMemoryStoryIndex(TimeProvider.System);
        var processor = Processor(TimeProvider.System, index);
        await UploadAsync(processor, "wire.txt", WireCopies.Outlet(0));
        Assert.Equal(StorySignature.Bands, index.BucketReads);
    }

    private sealed class NoEntities : IEntityExtractor
    {
        public Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken) =>
            Task.FromResult(new EntityExtraction { Entities = [], Extractor = "test" });
    }

    private sealed class RecordingNotifier : INewMatchesNotifier
    {
        private readonly Lock _gate = new();

        public List<NewMatchesMessage> Messages { get; } = [];

        public Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Messages.Add(message);
            }
            return Task.CompletedTask;
        }
    }
}
