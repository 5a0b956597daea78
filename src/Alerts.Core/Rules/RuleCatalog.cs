using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Rules;

/// <summary>
/// The watch rules in force: the built-in ones, those of <see cref="RulesOptions.Path"/>, and the rules of any
/// <see cref="IRuleSource"/> (subscribers' queries), re-read every <see cref="RefreshInterval"/>. The folder is polled
/// at the same pace: when a rule file is added, changed or removed, its rules are reloaded without a restart.
/// </summary>
public sealed partial class RuleCatalog : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// At most this many compiled subscribers' queries are kept between refreshes; past it, the others are compiled
    /// again at each refresh (they still apply), so memory stays bounded whatever the number of subscriptions.
    /// </summary>
    internal int MaxCachedQueries { get; init; } = 50_000;

    /// <summary>How many compiled subscribers' queries are kept for the next refresh.</summary>
    internal int CachedQueries => _compiled.Count;

    private readonly RuleLoadResult _builtin;
    private readonly string? _path;
    private readonly IReadOnlyList<IRuleSource> _sources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    // Subscribers' queries compiled at the last refresh, so an unchanged query is not parsed again every 30 seconds.
    // Rebuilt at each refresh from the queries then in force: one removed or edited is dropped with it.
    private Dictionary<(string Id, string Query), CompiledRule> _compiled = [];
    private volatile Snapshot _snapshot;
    private volatile StaticRules _static;

    public RuleCatalog(IOptions<RulesOptions> options, IEnumerable<IRuleSource> sources, TimeProvider time, ILogger<RuleCatalog> logger)
        : this(Builtin(options?.Value ?? throw new ArgumentNullException(nameof(options))), string.IsNullOrWhiteSpace(options.Value.Path) ? null : options.Value.Path, sources, time, logger)
    {
    }

    /// <summary>A fixed set of rules (the CLI, tests).</summary>
    public RuleCatalog(RuleLoadResult rules)
        : this(rules, null, [], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
    }

    private RuleCatalog(RuleLoadResult builtin, string? path, IEnumerable<IRuleSource> sources, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(builtin);
        _builtin = builtin;
        _path = path;
        _sources = [.. sources];
        _time = time;
        _logger = logger;
        _static = LoadStatic(path is null ? null : Fingerprint(path));
        LogRulesLoaded(logger, _static.Rules.Count);
        // Fixed rules never refresh; a folder is polled from now on; subscribers' queries are read on first use.
        var loadedAt = _sources.Count > 0 ? DateTimeOffset.MinValue : path is null ? DateTimeOffset.MaxValue : time.GetUtcNow();
        _snapshot = new Snapshot(new RuleMatcher(_static.Rules), loadedAt);
    }

    /// <summary>The catalogue's own rules (built-in and folder), without subscribers' queries.</summary>
    public IReadOnlyList<WatchRule> Rules => [.. _static.Rules.Select(r => r.Rule)];

    /// <summary>Rules that were refused, one message each; the others still apply.</summary>
    public IReadOnlyList<string> Errors => _static.Errors;

    /// <summary>The matcher over every rule in force, refreshed from the rule sources when it is older than <see cref="RefreshInterval"/>.</summary>
    public async ValueTask<RuleMatcher> GetMatcherAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (_time.GetUtcNow() - snapshot.LoadedAt < RefreshInterval)
        {
            return snapshot.Matcher;
        }
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_time.GetUtcNow() - _snapshot.LoadedAt < RefreshInterval)
            {
                return _snapshot.Matcher;
            }
            ReloadFolderIfChanged();
            var rules = new List<CompiledRule>(_static.Rules);
            var keep = new Dictionary<(string Id, string Query), CompiledRule>();
            foreach (var source in _sources)
            {
                foreach (var rule in await source.GetRulesAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (Compile(rule, fromSource: true) is { } compiled)
                    {
                        rules.Add(compiled);
                        if (keep.Count < MaxCachedQueries)
                        {
                            keep.TryAdd((rule.Id, rule.Query), compiled);
                        }
                    }
                }
            }
            _compiled = keep;
            _snapshot = new Snapshot(new RuleMatcher(rules), _time.GetUtcNow());
            return _snapshot.Matcher;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A source that cannot be read now must not stop articles being matched against the rules we have.
            LogRefreshFailed(_logger, ex);
            return _snapshot.Matcher;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the last refresh, so the next match sees changes made just now (a new subscription).</summary>
    public void Invalidate()
    {
        if (_sources.Count > 0)
        {
            _snapshot = _snapshot with { LoadedAt = DateTimeOffset.MinValue };
        }
    }

    public void Dispose() => _refresh.Dispose();

    public static RuleLoadResult Load(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builtin = Builtin(options);
        return string.IsNullOrWhiteSpace(options.Path) ? builtin : RuleLoader.Combine(builtin, RuleLoader.LoadPath(options.Path));
    }

    private static RuleLoadResult Builtin(RulesOptions options) => options.IncludeBuiltin ? RuleLoader.LoadBuiltin() : new RuleLoadResult();

    /// <summary>The built-in rules and the folder's, as the folder is now; each refused rule is logged.</summary>
    private StaticRules LoadStatic(string? fingerprint)
    {
        var loaded = _path is null ? _builtin : RuleLoader.Combine(_builtin, RuleLoader.LoadPath(_path));
        foreach (var error in loaded.Errors)
        {
            LogRuleRefused(_logger, error);
        }
        return new StaticRules([.. loaded.Rules], [.. loaded.Errors], fingerprint);
    }

    /// <summary>Reloads the rule folder when a file in it was added, removed or rewritten since the last load.</summary>
    private void ReloadFolderIfChanged()
    {
        if (_path is null)
        {
            return;
        }
        try
        {
            var fingerprint = Fingerprint(_path);
            if (fingerprint == _static.Fingerprint)
            {
                return;
            }
            _static = LoadStatic(fingerprint);
            LogRulesReloaded(_logger, _static.Rules.Count, _path);
        }
        catch (Exception ex) when (ex is RuleException or IOException or UnauthorizedAccessException)
        {
            // A folder being rewritten or gone for a moment: keep matching with the rules we have.
            LogFolderReloadFailed(_logger, _path, ex);
        }
    }

    /// <summary>Names, sizes and write times of the rule files: changes when any of them does.</summary>
    private static string Fingerprint(string path)
    {
        IEnumerable<FileInfo> files = Directory.Exists(path)
            ? new DirectoryInfo(path).EnumerateFiles("*.json", SearchOption.TopDirectoryOnly).OrderBy(f => f.Name, StringComparer.Ordinal)
            : File.Exists(path) ? [new FileInfo(path)] : [];
        return string.Join('|', files.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")));
    }

    private CompiledRule? Compile(WatchRule rule, bool fromSource)
    {
        if (_compiled.TryGetValue((rule.Id, rule.Query), out var cached))
        {
            return cached;
        }
        try
        {
            return new CompiledRule(rule);
        }
        catch (RuleException ex)
        {
            // A subscriber's query stays out of the log: the message would quote it.
            if (fromSource)
            {
                LogQueryRefused(_logger);
            }
            else
            {
                LogRuleRefused(_logger, ex.Message);
            }
            return null;
        }
    }

    private sealed record Snapshot(RuleMatcher Matcher, DateTimeOffset LoadedAt);

    private sealed record StaticRules(IReadOnlyList<CompiledRule> Rules, IReadOnlyList<string> Errors, string? Fingerprint);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} watch rules loaded after a change in {Path}")]
    private static partial void LogRulesReloaded(ILogger logger, int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reload the watch rules of {Path}; matching with the previous set")]
    private static partial void LogFolderReloadFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch rule not loaded: {Error}")]
    private static partial void LogRuleRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber's query was not loaded: it does not compile")]
    private static partial void LogQueryRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} watch rules loaded")]
    private static partial void LogRulesLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh subscribers' query rules; matching with the previous set")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
