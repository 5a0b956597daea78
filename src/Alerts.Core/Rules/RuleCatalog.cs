using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Rules;

/// <summary>
/// The watch rules in force: the built-in ones, those of <see cref="RulesOptions.Path"/>, and the rules of any
/// <see cref="IRuleSource"/> (subscribers' queries), re-read every <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class RuleCatalog : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<CompiledRule> _static;
    private readonly IReadOnlyList<IRuleSource> _sources;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly Dictionary<(string Id, string Query), CompiledRule> _compiled = [];
    private volatile Snapshot _snapshot;

    public RuleCatalog(IOptions<RulesOptions> options, IEnumerable<IRuleSource> sources, TimeProvider time, ILogger<RuleCatalog> logger)
        : this(Load(options?.Value ?? throw new ArgumentNullException(nameof(options))), sources, time, logger)
    {
    }

    /// <summary>A fixed set of rules (the CLI, tests).</summary>
    public RuleCatalog(RuleLoadResult rules)
        : this(rules, [], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
    {
    }

    private RuleCatalog(RuleLoadResult rules, IEnumerable<IRuleSource> sources, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _static = [.. rules.Rules];
        _sources = [.. sources];
        _time = time;
        _logger = logger;
        Errors = [.. rules.Errors];
        foreach (var error in Errors)
        {
            LogRuleRefused(logger, error);
        }
        LogRulesLoaded(logger, _static.Count);
        _snapshot = new Snapshot(new RuleMatcher(_static), _sources.Count == 0 ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue);
    }

    /// <summary>The catalogue's own rules (built-in and folder), without subscribers' queries.</summary>
    public IReadOnlyList<WatchRule> Rules => [.. _static.Select(r => r.Rule)];

    /// <summary>Rules that were refused, one message each; the others still apply.</summary>
    public IReadOnlyList<string> Errors { get; }

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
            var rules = new List<CompiledRule>(_static);
            foreach (var source in _sources)
            {
                foreach (var rule in await source.GetRulesAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (Compile(rule) is { } compiled)
                    {
                        rules.Add(compiled);
                    }
                }
            }
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
        var builtin = options.IncludeBuiltin ? RuleLoader.LoadBuiltin() : new RuleLoadResult();
        return string.IsNullOrWhiteSpace(options.Path) ? builtin : RuleLoader.Combine(builtin, RuleLoader.LoadPath(options.Path));
    }

    private CompiledRule? Compile(WatchRule rule)
    {
        if (_compiled.TryGetValue((rule.Id, rule.Query), out var cached))
        {
            return cached;
        }
        try
        {
            var compiled = new CompiledRule(rule);
            _compiled[(rule.Id, rule.Query)] = compiled;
            return compiled;
        }
        catch (RuleException ex)
        {
            LogRuleRefused(_logger, ex.Message);
            return null;
        }
    }

    private sealed record Snapshot(RuleMatcher Matcher, DateTimeOffset LoadedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch rule not loaded: {Error}")]
    private static partial void LogRuleRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} watch rules loaded")]
    private static partial void LogRulesLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh subscribers' query rules; matching with the previous set")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
