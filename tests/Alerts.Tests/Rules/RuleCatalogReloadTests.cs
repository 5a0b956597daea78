using Alerts.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Rules;

/// <summary>Rules of the folder (<c>Alerts__Rules__Path</c>) are reloaded when a file changes, without a restart.</summary>
public sealed class RuleCatalogReloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("alerts-rules-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-08T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_changed_rule_file_is_reloaded_at_the_next_refresh()
    {
        Write("desk.json", Rule("earthquakes", "earthquake"));
        using var catalog = Catalog();
        Assert.Equal(["earthquakes"], Ids(await catalog.GetMatcherAsync(CancellationToken.None)));

        Write("desk.json", Rule("earthquakes", "earthquake") + "," + Rule("floods", "flood"));
        Write("more.json", Rule("curfews", "curfew"));
        // Not before the refresh interval: matching does not touch the disk for every article.
        Assert.Equal(["earthquakes"], Ids(await catalog.GetMatcherAsync(CancellationToken.None)));

        _time.Advance(RuleCatalog.RefreshInterval + TimeSpan.FromSeconds(1));
        Assert.Equal(["earthquakes", "floods", "curfews"], Ids(await catalog.GetMatcherAsync(CancellationToken.None)));
        Assert.Equal(3, catalog.Rules.Count);

        File.Delete(Path.Combine(_folder, "more.json"));
        _time.Advance(RuleCatalog.RefreshInterval + TimeSpan.FromSeconds(1));
        Assert.Equal(["earthquakes", "floods"], Ids(await catalog.GetMatcherAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_broken_rule_is_reported_and_the_others_still_apply()
    {
        Write("desk.json", Rule("earthquakes", "earthquake"));
        using var catalog = Catalog();
        Write("desk.json", Rule("earthquakes", "earthquake") + "," + Rule("broken", "\\\"unclosed"));
        _time.Advance(RuleCatalog.RefreshInterval + TimeSpan.FromSeconds(1));

        Assert.Equal(["earthquakes"], Ids(await catalog.GetMatcherAsync(CancellationToken.None)));
        Assert.Contains(catalog.Errors, e => e.Contains("broken", StringComparison.Ordinal));
    }

    private RuleCatalog Catalog() =>
        new(Options.Create(new RulesOptions { Path = _folder, IncludeBuiltin = false }), [], _time, NullLogger<RuleCatalog>.Instance);

    private void Write(string name, string rules)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, "[" + rules + "]");
        // File systems with coarse timestamps: the size or the time changes with every rewrite here.
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(Random.Shared.Next(1, 1000)));
    }

    private static string Rule(string id, string query) =>
        $$"""{ "id": "{{id}}", "title": "{{id}}", "severity": "high", "query": "{{query}}" }""";

    private static string[] Ids(RuleMatcher matcher) => [.. matcher.Rules.Select(r => r.Rule.Id)];
}
