using Lucene.Net.Index;
using Lucene.Net.Index.Memory;

namespace Alerts.Rules;

/// <summary>
/// Picks the rules worth running against an article, in the style of Lucene Monitor (Luwak): at load each rule is
/// indexed under one set of terms any match must contain (its most selective condition); per article, the article's
/// own terms find the candidates, and a candidate's other conditions (every required phrase word, every AND-ed
/// clause, wildcard prefixes) are checked against the same terms before the query runs. Rules with no such term
/// (pure NOT, regular expressions, wildcards with no literal prefix) are always candidates. The result equals running
/// every rule, because each condition is one every match meets.
/// </summary>
internal sealed class Presearcher
{
    private readonly Dictionary<(string Field, string Text), int[]> _byTerm;
    private readonly List<TermClause>?[] _conditions;
    private readonly int[] _checked;
    private readonly int[] _always;

    public Presearcher(IReadOnlyList<CompiledRule> rules)
    {
        var byTerm = new Dictionary<(string, string), List<int>>();
        var always = new List<int>();
        var checkedRules = new List<int>();
        _conditions = new List<TermClause>?[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            var conditions = RequiredTerms.Of(rules[i].Query);
            _conditions[i] = conditions;
            if (conditions is null)
            {
                always.Add(i);
                continue;
            }
            // Index by a clause of plain terms; a rule whose every clause is a wildcard prefix is checked per article.
            var plain = conditions.Where(c => c.Prefixes.Count == 0).ToList();
            if (plain.Count == 0)
            {
                checkedRules.Add(i);
                continue;
            }
            foreach (var key in RequiredTerms.Best(plain).Terms)
            {
                if (!byTerm.TryGetValue(key, out var list))
                {
                    byTerm[key] = list = [];
                }
                list.Add(i);
            }
        }
        _byTerm = byTerm.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _always = [.. always];
        _checked = [.. checkedRules];
    }

    /// <summary>Rules that always run, whatever the article.</summary>
    public int AlwaysCount => _always.Length;

    /// <summary>Indexes of the candidate rules for the article in <paramref name="index"/>, in rule order.</summary>
    public List<int> Candidates(MemoryIndex index)
    {
        var terms = new ArticleTerms(index);
        return Candidates(terms.All, terms.Meets);
    }

    /// <summary>Indexes of the candidate rules for <paramref name="article"/>, in rule order.</summary>
    public List<int> Candidates(ArticlePositions article) => Candidates(article.Terms, clause => Meets(article, clause));

    private List<int> Candidates(IEnumerable<(string Field, string Text)> terms, Predicate<TermClause> meets)
    {
        var found = new List<int>(_always.Length + 64);
        found.AddRange(_always);
        var hits = new List<int>();
        foreach (var (field, text) in terms)
        {
            if (_byTerm.TryGetValue((field, text), out var rules))
            {
                hits.AddRange(rules);
            }
        }
        hits.AddRange(_checked);
        hits.Sort();
        var last = -1;
        foreach (var i in hits)
        {
            // A rule listed under several of the article's terms is checked once.
            if (i != last && _conditions[i]!.TrueForAll(meets))
            {
                found.Add(i);
            }
            last = i;
        }
        found.Sort();
        return found;
    }

    private static bool Meets(ArticlePositions article, TermClause clause)
    {
        foreach (var (field, text) in clause.Terms)
        {
            if (article.Contains(field, text))
            {
                return true;
            }
        }
        foreach (var (field, text) in clause.Prefixes)
        {
            if (article.HasPrefix(field, text))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The distinct terms of each field of one article, for lookups and prefix tests.</summary>
    private sealed class ArticleTerms
    {
        private readonly HashSet<(string Field, string Text)> _set = [];
        private readonly Dictionary<string, string[]> _sorted = new(StringComparer.Ordinal);

        public ArticleTerms(MemoryIndex index)
        {
            var reader = (AtomicReader)index.CreateSearcher().IndexReader;
            foreach (var field in reader.Fields)
            {
                var termsEnum = reader.GetTerms(field)?.GetEnumerator();
                if (termsEnum is null)
                {
                    continue;
                }
                var texts = new List<string>();
                while (termsEnum.MoveNext())
                {
                    var text = termsEnum.Term.Utf8ToString();
                    texts.Add(text);
                    _set.Add((field, text));
                }
                var sorted = texts.ToArray();
                Array.Sort(sorted, StringComparer.Ordinal);
                _sorted[field] = sorted;
            }
        }

        public IEnumerable<(string Field, string Text)> All => _set;

        public bool Meets(TermClause clause)
        {
            foreach (var term in clause.Terms)
            {
                if (_set.Contains(term))
                {
                    return true;
                }
            }
            foreach (var prefix in clause.Prefixes)
            {
                if (HasPrefix(prefix.Field, prefix.Text))
                {
                    return true;
                }
            }
            return false;
        }

        private bool HasPrefix(string field, string prefix)
        {
            if (!_sorted.TryGetValue(field, out var sorted))
            {
                return false;
            }
            var at = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
            if (at >= 0)
            {
                return true;
            }
            at = ~at;
            return at < sorted.Length && sorted[at].StartsWith(prefix, StringComparison.Ordinal);
        }
    }
}
