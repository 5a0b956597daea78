namespace Alerts.Rules;

/// <summary>The rules that compiled, and a message for each one that did not.</summary>
public sealed class RuleLoadResult
{
    public List<CompiledRule> Rules { get; } = [];
    public List<string> Errors { get; } = [];
}
