using Alerts.Articles;
using Alerts.Entities;
using Lucene.Net.Analysis.TokenAttributes;

namespace Alerts.Rules;

/// <summary>
/// One article analysed once, as the rules see it: for each field, each term and the positions it stands at. The
/// <c>title</c> and <c>body</c> fields are cut from the one pass over <c>text</c> (title, blank line, body), so their
/// positions equal what analysing them alone gives.
/// </summary>
internal sealed class ArticlePositions
{
    private readonly Dictionary<string, Dictionary<string, List<int>>> _fields = new(StringComparer.Ordinal);
    private Dictionary<string, string[]>? _sorted;

    public ArticlePositions(Article article, IReadOnlyList<Entity> entities)
    {
        var title = article.Title ?? "";
        var textField = Field(RuleFields.Text);
        var titleField = Field(RuleFields.Title);
        var bodyField = Field(RuleFields.Body);
        var titleTokens = 0;
        var bodyStart = -1;
        Analyse(RuleFields.Text, title.Length == 0 ? article.Body : title + "\n\n" + article.Body, (term, position, start) =>
        {
            Add(textField, term, position);
            if (title.Length > 0 && start < title.Length)
            {
                Add(titleField, term, position);
                titleTokens = position + 1;
            }
            else
            {
                if (bodyStart < 0)
                {
                    bodyStart = title.Length > 0 ? titleTokens : 0;
                }
                Add(bodyField, term, position - bodyStart);
            }
        });
        AddEntities(RuleFields.Person, entities, EntityCategory.Person);
        AddEntities(RuleFields.Location, entities, EntityCategory.Location);
        AddEntities(RuleFields.Organization, entities, EntityCategory.Organization);
    }

    /// <summary>Every field and term of the article.</summary>
    public IEnumerable<(string Field, string Text)> Terms =>
        _fields.SelectMany(f => f.Value.Keys.Select(t => (f.Key, t)));

    /// <summary>The positions of <paramref name="term"/> in <paramref name="field"/>, ascending; null if absent.</summary>
    public List<int>? Positions(string field, string term) =>
        _fields.TryGetValue(field, out var terms) && terms.TryGetValue(term, out var positions) ? positions : null;

    public bool Contains(string field, string term) => Positions(field, term) is not null;

    public bool HasPrefix(string field, string prefix)
    {
        _sorted ??= _fields.ToDictionary(f => f.Key, f =>
        {
            var sorted = f.Value.Keys.ToArray();
            Array.Sort(sorted, StringComparer.Ordinal);
            return sorted;
        }, StringComparer.Ordinal);
        if (!_sorted.TryGetValue(field, out var terms))
        {
            return false;
        }
        var at = Array.BinarySearch(terms, prefix, StringComparer.Ordinal);
        if (at >= 0)
        {
            return true;
        }
        at = ~at;
        return at < terms.Length && terms[at].StartsWith(prefix, StringComparison.Ordinal);
    }

    private void AddEntities(string field, IReadOnlyList<Entity> entities, string category)
    {
        // As in the index: all values of a category form one field.
        var text = string.Join(" \n ", entities.Where(e => e.Category == category).Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase));
        if (text.Length == 0)
        {
            return;
        }
        var terms = Field(field);
        Analyse(field, text, (term, position, _) => Add(terms, term, position));
    }

    private Dictionary<string, List<int>> Field(string field)
    {
        var terms = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        _fields[field] = terms;
        return terms;
    }

    private static void Add(Dictionary<string, List<int>> terms, string term, int position)
    {
        if (!terms.TryGetValue(term, out var positions))
        {
            terms[term] = positions = new List<int>(2);
        }
        positions.Add(position);
    }

    private static void Analyse(string field, string text, Action<string, int, int> token)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        using var stream = RuleQuery.Analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            token(term.ToString(), position, offset.StartOffset);
        }
        stream.End();
    }
}
