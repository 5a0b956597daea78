using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Rules;

/// <summary>The watch rules in force: the built-in ones and those of <see cref="RulesOptions.Path"/>.</summary>
public sealed partial class RuleCatalog
{
    public RuleCatalog(IOptions<RulesOptions> options, ILogger<RuleCatalog> logger)
        : this(Load(options?.Value ?? throw new ArgumentNullException(nameof(options))))
    {
        foreach (var error in Errors)
        {
            LogRuleRefused(logger, error);
        }
        LogRulesLoaded(logger, Matcher.Rules.Count);
    }

    public RuleCatalog(RuleLoadResult rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Matcher = new RuleMatcher(rules.Rules);
        Errors = [.. rules.Errors];
    }

    public RuleMatcher Matcher { get; }

    public IReadOnlyList<WatchRule> Rules => [.. Matcher.Rules.Select(r => r.Rule)];

    /// <summary>Rules that were refused, one message each; the others still apply.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static RuleLoadResult Load(RulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builtin = options.IncludeBuiltin ? RuleLoader.LoadBuiltin() : new RuleLoadResult();
        return string.IsNullOrWhiteSpace(options.Path) ? builtin : RuleLoader.Combine(builtin, RuleLoader.LoadPath(options.Path));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Watch rule not loaded: {Error}")]
    private static partial void LogRuleRefused(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} watch rules loaded")]
    private static partial void LogRulesLoaded(ILogger logger, int count);
}
