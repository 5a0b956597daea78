using System.Text;
using Alerts.Analysis;
using Alerts.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Bad watch rules: a rules folder full of bad rules next to a good one. Each bad rule is reported with a clear message
/// and skipped, loading stays fast (no automaton explosion), and a real article still meets the good rules.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class BadRuleTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("alerts-bad-rules-").FullName;

    public static TheoryData<string> Kinds { get; } = [.. BadRules.All.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_bad_rule_is_reported_and_skipped_and_the_others_still_apply(string kind)
    {
        var (entry, error) = BadRules.All[kind];
        WriteRules("rules.json", BadRules.GoodRule, entry);

        var loaded = await Task.Run(() => RuleCatalog.Load(new RulesOptions { Path = _folder })).WaitAsync(Limit);

        var reported = Assert.Single(loaded.Errors);
        Assert.Contains(error, reported, StringComparison.Ordinal);
        Assert.Contains(loaded.Rules, r => r.Rule.Id == "curfew-imposed" && r.Rule.Query.StartsWith("curfew", StringComparison.Ordinal));
        Assert.Contains(loaded.Rules, r => r.Rule.Id == "state-of-emergency");
    }

    [Theory]
    [InlineData("not JSON at all", "state of emergency", "not a JSON array")]
    [InlineData("a JSON object instead of an array", """{"id": "x"}""", "not a JSON array")]
    public async Task A_broken_rules_file_is_reported_and_the_other_files_still_load(string kind, string content, string error)
    {
        Assert.NotEmpty(kind);
        WriteRules("a-good.json", BadRules.GoodRule);
        File.WriteAllText(Path.Combine(_folder, "b-broken.json"), content);

        var loaded = await Task.Run(() => RuleCatalog.Load(new RulesOptions { Path = _folder })).WaitAsync(Limit);

        Assert.Contains(error, Assert.Single(loaded.Errors), StringComparison.Ordinal);
        Assert.Contains(loaded.Rules, r => r.Rule.Id == "curfew-imposed");
    }

    [Fact]
    public async Task With_every_bad_rule_in_the_folder_a_real_article_still_meets_the_good_rules()
    {
        WriteRules("rules.json", [BadRules.GoodRule, .. BadRules.All.Values.Select(v => v.Entry)]);
        await using var services = azurite.BuildServices(new Dictionary<string, string?> { ["Alerts:Rules:Path"] = _folder });
        var catalog = await Task.Run(services.GetRequiredService<RuleCatalog>).WaitAsync(Limit);
        Assert.Equal(BadRules.All.Count, catalog.Errors.Count);

        var story = TestArticles.UniqueWireStory().Replace("With reporting by", "Authorities also imposed a night curfew in Almaty.\n\nWith reporting by", StringComparison.Ordinal);
        var result = await services.GetRequiredService<ArticleProcessor>().ProcessAsync($"badinput/{Guid.NewGuid():N}.txt", new MemoryStream(Encoding.UTF8.GetBytes(story)), CancellationToken.None);

        Assert.Contains(result.Analysis!.Matches, m => m.Rule == "curfew-imposed");
        Assert.Contains(result.Analysis.Matches, m => m.Rule == "state-of-emergency");
    }

    [Fact]
    public async Task A_phrase_wildcard_that_matches_thousands_of_words_of_an_article_is_skipped_with_a_warning()
    {
        WriteRules("rules.json", BadRules.WideWildcardRule);
        await using var services = azurite.BuildServices(new Dictionary<string, string?> { ["Alerts:Rules:Path"] = _folder });
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"tro{i}x"));
        var story = TestArticles.UniqueWireStory().Replace("With reporting by", $"Codes: {words}.\n\nWith reporting by", StringComparison.Ordinal);

        var result = await services.GetRequiredService<ArticleProcessor>()
            .ProcessAsync($"badinput/{Guid.NewGuid():N}.txt", new MemoryStream(Encoding.UTF8.GetBytes(story)), CancellationToken.None).WaitAsync(Limit);

        Assert.Contains(result.Analysis!.Warnings, w => w.Contains("wide-wildcard", StringComparison.Ordinal));
        Assert.Contains(result.Analysis.Matches, m => m.Rule == "state-of-emergency");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void WriteRules(string file, params string[] entries) =>
        File.WriteAllText(Path.Combine(_folder, file), "[\n" + string.Join(",\n", entries) + "\n]");
}
