namespace Alerts.Rules;

/// <summary>The rules that compiled, and a message for each one that did not.</summary>
public sealed class RuleLoadResult
{
    // Ids of Rules[0.._indexed): a duplicate check per rule stays O(1) at 100,000 rules (a scan made loading quadratic).
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private int _indexed;

    public List<CompiledRule> Rules { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>True if a rule in <see cref="Rules"/> has <paramref name="id"/>.</summary>
    internal bool HasRule(string id)
    {
        if (_indexed > Rules.Count)
        {
            // Rules were removed: index them again.
            _ids.Clear();
            _indexed = 0;
        }
        for (; _indexed < Rules.Count; _indexed++)
        {
            _ids.Add(Rules[_indexed].Rule.Id);
        }
        return _ids.Contains(id);
    }
}
