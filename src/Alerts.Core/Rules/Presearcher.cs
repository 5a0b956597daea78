using Lucene.Net.Index;
using Lucene.Net.Index.Memory;

namespace Alerts.Rules;

/// <summary>
/// Picks the rules worth running against an article, in the style of Lucene Monitor (Luwak): at load each rule is
/// indexed under the terms any match must contain; per article, the article's own terms find the candidates.
/// Rules with no such term (pure NOT, wildcards) are always candidates. The result equals running every rule.
/// </summary>
internal sealed class Presearcher
{
    private readonly Dictionary<(string Field, string Text), int[]> _byTerm;
    private readonly int[] _always;
    private readonly int _ruleCount;

    public Presearcher(IReadOnlyList<CompiledRule> rules)
    {
        _ruleCount = rules.Count;
        var byTerm = new Dictionary<(string, string), List<int>>();
        var always = new List<int>();
        for (var i = 0; i < rules.Count; i++)
        {
            var terms = RequiredTerms.Of(rules[i].Query);
            if (terms is null)
            {
                always.Add(i);
                continue;
            }
            foreach (var term in terms)
            {
                var key = (term.Field, term.Text);
                if (!byTerm.TryGetValue(key, out var list))
                {
                    byTerm[key] = list = [];
                }
                list.Add(i);
            }
        }
        _byTerm = byTerm.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _always = [.. always];
    }

    /// <summary>Rules that always run, whatever the article.</summary>
    public int AlwaysCount => _always.Length;

    /// <summary>Indexes of the candidate rules for the article in <paramref name="index"/>, in rule order.</summary>
    public List<int> Candidates(MemoryIndex index)
    {
        var selected = new bool[_ruleCount];
        foreach (var i in _always)
        {
            selected[i] = true;
        }
        var reader = (AtomicReader)index.CreateSearcher().IndexReader;
        foreach (var field in reader.Fields)
        {
            var termsEnum = reader.GetTerms(field)?.GetEnumerator();
            if (termsEnum is null)
            {
                continue;
            }
            while (termsEnum.MoveNext())
            {
                if (_byTerm.TryGetValue((field, termsEnum.Term.Utf8ToString()), out var rules))
                {
                    foreach (var i in rules)
                    {
                        selected[i] = true;
                    }
                }
            }
        }
        var candidates = new List<int>();
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i])
            {
                candidates.Add(i);
            }
        }
        return candidates;
    }
}
