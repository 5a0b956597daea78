using System.Text.Json;
using Alerts.Analysis;
using Alerts.Api;
using Alerts.Articles;
using Alerts.Entities;
using Alerts.Outcomes;
using Alerts.Rules;
using Alerts.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Alerts.Tests.Api;

/// <summary>
/// The results handlers: what a caller sends is checked before storage is read (a bad limit, time, status or token is
/// a 400 that says what to send; an unknown article or rule a 404), and one analysis shows the catalogue's matches only.
/// </summary>
public class ResultsApiTests
{
    private const string ArticleId = "3f9c1a7e5b2d4c6a8e0f1b3d5a7c9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly Mock<IResultsReader> _reader = new(MockBehavior.Strict);
    private readonly Mock<IAnalysisStore> _store = new(MockBehavior.Strict);

    private ResultsApi Api()
    {
        var rules = new RuleLoadResult();
        rules.Rules.Add(new CompiledRule(new WatchRule { Id = "troop-arrivals", Title = "Troop arrivals", Severity = Severity.High, Query = "troops" }));
        return new ResultsApi(_reader.Object, _store.Object, new RuleCatalog(rules), new FakeTimeProvider(Now));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("99999999999999999999")]
    public async Task A_limit_outside_1_to_100_is_a_400_naming_the_range(string limit)
    {
        var response = await Api().ListArticlesAsync(limit, null, null, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("1 to 100", Errors(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_status_is_a_400_listing_the_statuses()
    {
        var response = await Api().ListArticlesAsync(null, "done", null, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("analysed, duplicate, failed", Errors(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_are_listed_as_the_reader_pages_them_with_a_refused_ones_reason()
    {
        UploadRecord[] records =
        [
            new() { Name = "scan.pdf", Status = UploadStatus.Failed, Reason = ArticleParseReasons.Binary, Message = "Not text.", Time = Now },
            new() { Name = "story.txt", Status = UploadStatus.Analysed, ArticleId = ArticleId, Title = "Troops arrive", MatchCount = 2, Time = Now.AddMinutes(-1) },
        ];
        _reader.Setup(r => r.ListUploadsAsync(UploadStatus.Failed, 2, "token-1", It.IsAny<CancellationToken>())).ReturnsAsync(new ResultsPage<UploadRecord>(records, "token-2"));

        var response = await Api().ListArticlesAsync("2", "FAILED", "token-1", CancellationToken.None);

        Assert.Equal(200, response.Status);
        var body = Json(response);
        Assert.Equal("token-2", body.GetProperty("continuation").GetString());
        var first = body.GetProperty("items")[0];
        Assert.Equal("failed", first.GetProperty("status").GetString());
        Assert.Equal("binary", first.GetProperty("reason").GetString());
        Assert.Equal(2, body.GetProperty("items")[1].GetProperty("matchCount").GetInt32());
    }

    [Fact]
    public async Task A_continuation_token_the_reader_refuses_is_a_400()
    {
        _reader.Setup(r => r.ListUploadsAsync(null, ResultsApi.DefaultLimit, "forged", It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidContinuationException());

        var response = await Api().ListArticlesAsync(null, null, "forged", CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains("continuation token", Errors(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../keys/token")]
    [InlineData("abc")]
    [InlineData("3F9C1A7E5B2D4C6A8E0F1B3D5A7C9E1F2A4B6C8D0E2F4A6B8C0D2E4F6A8B0C2D00")]
    [InlineData("not-hex-at-all-but-long-enough")]
    public async Task An_id_that_is_not_an_article_id_is_a_404_without_reading_storage(string id)
    {
        var response = await Api().GetArticleAsync(id, CancellationToken.None);

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task An_unknown_article_is_a_404()
    {
        _store.Setup(s => s.GetAnalysisAsync(ArticleId, It.IsAny<CancellationToken>())).ReturnsAsync((ArticleAnalysis?)null);

        Assert.Equal(404, (await Api().GetArticleAsync(ArticleId, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_prefix_that_two_articles_share_is_a_400_and_one_that_one_article_has_finds_it()
    {
        _reader.Setup(r => r.FindArticleIdsAsync("3f9c1a7e", 2, It.IsAny<CancellationToken>())).ReturnsAsync([ArticleId, "3f9c1a7e" + new string('0', 56)]);
        _reader.Setup(r => r.FindArticleIdsAsync("3f9c1a7e5b2d", 2, It.IsAny<CancellationToken>())).ReturnsAsync([ArticleId]);
        _store.Setup(s => s.GetAnalysisAsync(ArticleId, It.IsAny<CancellationToken>())).ReturnsAsync(Analysis());

        Assert.Equal(400, (await Api().GetArticleAsync("3f9c1a7e", CancellationToken.None)).Status);
        var found = await Api().GetArticleAsync("3F9C1A7E5B2D", CancellationToken.None);
        Assert.Equal(200, found.Status);
        Assert.Equal(ArticleId, Json(found).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_analysis_shows_entities_by_category_and_catalogue_matches_but_never_a_subscribers_query()
    {
        _store.Setup(s => s.GetAnalysisAsync(ArticleId, It.IsAny<CancellationToken>())).ReturnsAsync(Analysis());

        var body = Json(await Api().GetArticleAsync(ArticleId, CancellationToken.None));

        Assert.Equal("Troops arrive in Constanta", body.GetProperty("title").GetString());
        var categories = body.GetProperty("entities").EnumerateArray().Select(g => g.GetProperty("category").GetString()).ToList();
        Assert.Equal(["Person", "Location", "DateTime"], categories);
        var places = body.GetProperty("entities")[1].GetProperty("names");
        Assert.Equal("Constanta", places[0].GetProperty("text").GetString());
        Assert.Equal(2, places[0].GetProperty("mentions").GetInt32());
        var match = Assert.Single(body.GetProperty("matches").EnumerateArray());
        Assert.Equal("troop-arrivals", match.GetProperty("rule").GetString());
        Assert.Equal("high", match.GetProperty("severity").GetString());
        Assert.Equal("**Troops** arrive.", match.GetProperty("snippets")[0].GetString());
        Assert.DoesNotContain("q_", body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("my secret query", body.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-rule")]
    [InlineData("q_5kq3mz2xw7d4t6yh")]
    public async Task An_unknown_rule_or_a_subscribers_query_id_is_a_404(string rule)
    {
        var response = await Api().ListRuleMatchesAsync(rule, null, null, null, null, CancellationToken.None);

        Assert.Equal(404, response.Status);
    }

    [Theory]
    [InlineData("yesterday", null, "from must be an ISO 8601 time")]
    [InlineData(null, "31/02/2026", "to must be an ISO 8601 time")]
    [InlineData("2026-03-10T12:00:00Z", "2026-03-09T12:00:00Z", "from must be before to")]
    public async Task A_bad_window_is_a_400_that_says_what_to_send(string? from, string? to, string error)
    {
        var response = await Api().ListRuleMatchesAsync("troop-arrivals", from, to, null, null, CancellationToken.None);

        Assert.Equal(400, response.Status);
        Assert.Contains(error, Errors(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_window_a_rules_matches_are_the_last_seven_days_with_the_rules_severity_where_the_row_has_none()
    {
        _reader.Setup(r => r.ListRuleMatchesAsync("troop-arrivals", Now - ResultsApi.DefaultWindow, Now, 5, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResultsPage<RuleMatchEntry>([new("troop-arrivals", ArticleId, Now.AddHours(-1), "Troops arrive", "AP", null)], null));

        var response = await Api().ListRuleMatchesAsync("troop-arrivals", null, null, "5", null, CancellationToken.None);

        Assert.Equal(200, response.Status);
        var item = Json(response).GetProperty("items")[0];
        Assert.Equal("high", item.GetProperty("severity").GetString());
        Assert.Equal("Troops arrive", item.GetProperty("title").GetString());
    }

    private static ArticleAnalysis Analysis() => new()
    {
        Article = new Article { Id = ArticleId, Name = "story.txt", Format = ArticleFormat.Text, Title = "Troops arrive in Constanta", Body = "Troops arrive." },
        Entities =
        [
            new Entity("Monday", EntityCategory.DateTime, "Date", 40, 6, 0.9),
            new Entity("Constanta", EntityCategory.Location, null, 10, 9, 0.9),
            new Entity("Romania", EntityCategory.Location, null, 30, 7, 0.9),
            new Entity("Constanta", EntityCategory.Location, null, 60, 9, 0.9),
            new Entity("Jane Doe", EntityCategory.Person, null, 80, 8, 0.9),
        ],
        Matches =
        [
            new RuleMatch { Rule = "troop-arrivals", Title = "Troop arrivals", Severity = Severity.High, Score = 1, Snippets = [new Snippet("Troops arrive.", [new Highlight(0, 6)])] },
            // A query match where only catalogue matches belong: still never shown.
            new RuleMatch { Rule = "q_5kq3mz2xw7d4t6yh", Title = "my secret query", Severity = Severity.Medium, Score = 1, Snippets = [] },
        ],
        QueryMatches = [new RuleMatch { Rule = "q_aaaaaaaaaaaaaaaa", Title = "my secret query", Severity = Severity.Medium, Score = 1, Snippets = [] }],
        Extractor = "embedded",
        AnalyzedAt = Now,
    };

    private static JsonElement Json(ApiResponse response) => JsonSerializer.SerializeToElement(response.Json, AlertsJson.Options);

    private static string Errors(ApiResponse response) => string.Join(" ", ((ApiProblem)response.Json!).Errors);
}
