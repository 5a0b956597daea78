using Alerts.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Rules;

/// <summary>Subscribers' queries are compiled once while they stay, dropped when they go, and never kept past a bound.</summary>
public sealed class RuleCatalogCacheTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-08T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Source _source = new();

    [Fact]
    public async Task An_unchanged_query_is_not_compiled_again_and_a_removed_one_is_forgotten()
    {
        _source.Rules = [Query("q-1", "earthquake"), Query("q-2", "flood")];
        using var catalog = Catalog();
        var first = await catalog.GetMatcherAsync(CancellationToken.None);
        Assert.Equal(["q-1", "q-2"], Ids(first));
        Assert.Equal(2, catalog.CachedQueries);

        _source.Rules = [Query("q-1", "earthquake")];
        _time.Advance(RuleCatalog.RefreshInterval);
        var second = await catalog.GetMatcherAsync(CancellationToken.None);

        Assert.Equal(["q-1"], Ids(second));
        Assert.Same(first.Rules[0], second.Rules[0]);
        Assert.Equal(1, catalog.CachedQueries);
    }

    [Fact]
    public async Task An_edited_query_replaces_the_old_one_in_the_cache()
    {
        _source.Rules = [Query("q-1", "earthquake")];
        using var catalog = Catalog();
        await catalog.GetMatcherAsync(CancellationToken.None);

        _source.Rules = [Query("q-1", "flood")];
        _time.Advance(RuleCatalog.RefreshInterval);
        var matcher = await catalog.GetMatcherAsync(CancellationToken.None);

        Assert.Equal("flood", Assert.Single(matcher.Rules).Rule.Query);
        Assert.Equal(1, catalog.CachedQueries);
    }

    [Fact]
    public async Task Past_the_bound_queries_still_apply_but_are_not_kept()
    {
        _source.Rules = [.. Enumerable.Range(1, 5).Select(i => Query($"q-{i}", $"term{i}"))];
        using var catalog = Catalog(maxCached: 3);
        var first = await catalog.GetMatcherAsync(CancellationToken.None);
        Assert.Equal(5, first.Rules.Count);
        Assert.Equal(3, catalog.CachedQueries);

        _time.Advance(RuleCatalog.RefreshInterval);
        var second = await catalog.GetMatcherAsync(CancellationToken.None);
        Assert.Equal(Ids(first), Ids(second));
        Assert.Equal(3, catalog.CachedQueries);
        // The first three came from the cache; the other two were compiled again.
        Assert.All(first.Rules.Zip(second.Rules).Take(3), pair => Assert.Same(pair.First, pair.Second));
        Assert.All(first.Rules.Zip(second.Rules).Skip(3), pair => Assert.NotSame(pair.First, pair.Second));
    }

    private RuleCatalog Catalog(int maxCached = 50_000) =>
        new(Options.Create(new RulesOptions { IncludeBuiltin = false }), [_source], _time, NullLogger<RuleCatalog>.Instance) { MaxCachedQueries = maxCached };

    private static WatchRule Query(string id, string query) => new() { Id = id, Title = id, Severity = Severity.High, Query = query };

    private static string[] Ids(RuleMatcher matcher) => [.. matcher.Rules.Select(r => r.Rule.Id)];

    private sealed class Source : IRuleSource
    {
        public IReadOnlyList<WatchRule> Rules { get; set; } = [];

        public Task<IReadOnlyList<WatchRule>> GetRulesAsync(CancellationToken cancellationToken) => Task.FromResult(Rules);
    }
}
