using System.Security.Cryptography;
using System.Text;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Outcomes;
using Alerts.Rules;
using Alerts.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.Outcomes;

/// <summary>
/// The results reads on Azurite, written the way the pipeline writes: uploads come back newest first across pages with
/// one entry per blob however often its status changed, a rule's matches newest first within the window, and a token
/// that no listing made is refused. Times are far in the future and later on every run, so this test's uploads are the
/// newest in the shared Azurite whatever other tests wrote.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class ResultsReaderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Base = new DateTimeOffset(9000, 1, 1, 0, 0, 0, TimeSpan.Zero)
        .AddTicks(DateTimeOffset.UtcNow.UtcTicks - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);

    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        _services = azurite.BuildServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private IAnalysisStore Store => _services.GetRequiredService<IAnalysisStore>();

    private IResultsReader Reader => _services.GetRequiredService<IResultsReader>();

    [Fact]
    public async Task Uploads_page_newest_first_and_a_blob_whose_status_changed_is_listed_once_with_its_latest_status()
    {
        var ct = CancellationToken.None;
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, 5).Select(i => $"results-{run}/story-{i}.txt").ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            await Store.SetUploadAsync(new UploadRecord { Name = names[i], Status = UploadStatus.Failed, Reason = ArticleParseReasons.Binary, Message = "Not text.", Time = Base.AddMinutes(i) }, ct);
        }
        // story-1 is uploaded again and analysed later: it moves to the top, and its failed entry is gone.
        var analysed = new UploadRecord { Name = names[1], Status = UploadStatus.Analysed, ArticleId = new string('a', 64), Title = "Troops arrive", MatchCount = 1, Time = Base.AddMinutes(10) };
        await Store.SetUploadAsync(analysed, ct);
        await Store.SetUploadAsync(analysed, ct); // the same status again changes nothing

        var listed = new List<UploadRecord>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Reader.ListUploadsAsync(null, 2, token, ct);
            Assert.InRange(page.Items.Count, 0, 2);
            listed.AddRange(page.Items);
            token = page.Continuation;
            pages++;
        }
        while (token is not null && listed.Count(r => r.Name.StartsWith($"results-{run}/", StringComparison.Ordinal)) < names.Length && pages < 50);

        var mine = listed.Where(r => r.Name.StartsWith($"results-{run}/", StringComparison.Ordinal)).ToList();
        Assert.Equal([names[1], names[4], names[3], names[2], names[0]], mine.Select(r => r.Name));
        Assert.Equal(UploadStatus.Analysed, mine[0].Status);
        Assert.Equal("Troops arrive", mine[0].Title);
        Assert.Equal(ArticleParseReasons.Binary, mine[1].Reason);
        // Nothing else was written between their times, so they are listed together, with no stale entry among them.
        var first = listed.FindIndex(r => r.Name == names[1]);
        Assert.Equal(mine.Select(r => r.Name), listed.Skip(first).Take(5).Select(r => r.Name));
    }

    [Fact]
    public async Task A_status_filter_lists_only_that_status()
    {
        var ct = CancellationToken.None;
        var run = Guid.NewGuid().ToString("N")[..8];
        await Store.SetUploadAsync(new UploadRecord { Name = $"filter-{run}/bad.bin", Status = UploadStatus.Failed, Reason = ArticleParseReasons.Empty, Message = "Empty.", Time = Base.AddDays(1).AddMinutes(-1) }, ct);
        await Store.SetUploadAsync(new UploadRecord { Name = $"filter-{run}/good.txt", Status = UploadStatus.Analysed, ArticleId = new string('b', 64), Time = Base.AddDays(1) }, ct);

        var page = await Reader.ListUploadsAsync(UploadStatus.Failed, 1, null, ct);

        // The newest upload is the analysed one; the newest failed one is this test's.
        Assert.Equal($"filter-{run}/bad.bin", Assert.Single(page.Items).Name);
    }

    [Fact]
    public async Task An_upload_with_a_name_past_the_key_limit_is_listed_under_its_full_name()
    {
        var ct = CancellationToken.None;
        var name = $"long-{Guid.NewGuid():N}/" + new string('ж', 600) + ".txt";
        await Store.SetUploadAsync(new UploadRecord { Name = name, Status = UploadStatus.Analysed, ArticleId = new string('c', 64), Time = Base.AddDays(2) }, ct);

        var page = await Reader.ListUploadsAsync(null, 1, null, ct);

        Assert.Equal(name, Assert.Single(page.Items).Name);
    }

    [Theory]
    [InlineData("not base64url!")]
    [InlineData("JVVwbG9hZA")] // "%Upload": a status row's key, not an index row's
    [InlineData("MDAwMDAwMDAwMDAwMDAwMDAwMF9hYmM")] // a rule-match key: another listing's token
    public async Task A_token_no_upload_listing_made_is_refused(string token)
    {
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Reader.ListUploadsAsync(null, 5, token, CancellationToken.None));
    }

    [Fact]
    public async Task A_rules_matches_page_newest_first_within_the_window_with_the_articles_title()
    {
        var ct = CancellationToken.None;
        var rule = $"results-test-{Guid.NewGuid():N}"[..24];
        var now = DateTimeOffset.UtcNow;
        // Hours, days and weeks apart: the reader reads the window backwards in growing slices.
        TimeSpan[] ages = [TimeSpan.FromMinutes(5), TimeSpan.FromHours(3), TimeSpan.FromDays(2), TimeSpan.FromDays(20), TimeSpan.FromDays(40)];
        var ids = new List<string>();
        foreach (var age in ages)
        {
            var analysis = AnalysisMatching(rule, now - age);
            ids.Add(analysis.Article.Id);
            await Store.AddMatchesAsync(analysis, ct);
        }

        var listed = new List<RuleMatchEntry>();
        string? token = null;
        do
        {
            var page = await Reader.ListRuleMatchesAsync(rule, now.AddDays(-30), now, 2, token, ct);
            Assert.InRange(page.Items.Count, 1, 2);
            listed.AddRange(page.Items);
            token = page.Continuation;
        }
        while (token is not null);

        // The 40-day-old match is outside the window.
        Assert.Equal(ids.Take(4), listed.Select(m => m.ArticleId));
        Assert.All(listed, m => Assert.Equal($"Story {m.ArticleId[..8]}", m.ArticleTitle));
        Assert.All(listed, m => Assert.Equal(Severity.High, m.Severity));
        await Assert.ThrowsAsync<InvalidContinuationException>(() => Reader.ListRuleMatchesAsync(rule, now.AddDays(-30), now, 2, "IXQhMDAw", ct));
    }

    [Fact]
    public async Task An_article_is_found_by_a_prefix_of_its_id()
    {
        var analysis = AnalysisMatching("troop-arrivals", DateTimeOffset.UtcNow);
        await Store.TryAddAnalysisAsync(analysis, CancellationToken.None);

        Assert.Equal([analysis.Article.Id], await Reader.FindArticleIdsAsync(analysis.Article.Id[..16], 2, CancellationToken.None));
    }

    private static ArticleAnalysis AnalysisMatching(string rule, DateTimeOffset at)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString())));
        return new ArticleAnalysis
        {
            Article = new Article { Id = id, Name = $"{id[..8]}.txt", Format = ArticleFormat.Text, Title = $"Story {id[..8]}", Source = "AP", Body = "Troops arrive." },
            Entities = [],
            Matches = [new RuleMatch { Rule = rule, Title = "Test rule", Severity = Severity.High, Score = 1, Snippets = [new Snippet("Troops arrive.", [new Highlight(0, 6)])] }],
            Extractor = "embedded",
            AnalyzedAt = at,
        };
    }
}
