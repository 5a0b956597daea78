using Alerts.Articles;
using Alerts.Entities;
using Lucene.Net.Index.Memory;

namespace Alerts.Rules;

/// <summary>
/// Runs every rule against one article at a time, percolator-style: the article is indexed alone in a
/// <see cref="MemoryIndex"/> and each stored query is scored against it.
/// </summary>
public sealed class RuleMatcher
{
    public RuleMatcher(IEnumerable<CompiledRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    public IReadOnlyList<CompiledRule> Rules { get; }

    public IReadOnlyList<Match> Match(Article article, IReadOnlyList<Entity> entities)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(entities);

        var index = new MemoryIndex();
        var title = article.Title ?? "";
        AddField(index, RuleFields.Text, title.Length == 0 ? article.Body : title + "\n\n" + article.Body);
        AddField(index, RuleFields.Title, title);
        AddField(index, RuleFields.Body, article.Body);
        AddField(index, RuleFields.Person, EntityText(entities, EntityCategory.Person));
        AddField(index, RuleFields.Location, EntityText(entities, EntityCategory.Location));
        AddField(index, RuleFields.Organization, EntityText(entities, EntityCategory.Organization));

        var snippets = new SnippetBuilder(title, article.Body, index.CreateSearcher());
        var matches = new List<Match>();
        foreach (var compiled in Rules)
        {
            var score = index.Search(compiled.Query);
            if (score <= 0)
            {
                continue;
            }
            matches.Add(new Match
            {
                Rule = compiled.Rule.Id,
                Title = compiled.Rule.Title,
                Severity = compiled.Rule.Severity,
                Score = Math.Round(score, 4),
                Snippets = snippets.Build(compiled.Query),
            });
        }
        return matches;
    }

    private static void AddField(MemoryIndex index, string field, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // Lucene.NET's MemoryIndex throws on a query naming a field that got no tokens (Java returns no norms),
            // so an empty field gets a control character that no analysed query term can equal.
            index.AddField(field, index.KeywordTokenStream(new[] { EmptyFieldToken }));
            return;
        }
        index.AddField(field, text, RuleQuery.Analyzer);
    }

    private const string EmptyFieldToken = "\u0001";

    // All values of a category share one field (MemoryIndex takes a field once); entity fields are for
    // "location:Almaty" or "person:\"Kassym-Jomart Tokayev\"", not for phrases spanning two entities.
    private static string EntityText(IReadOnlyList<Entity> entities, string category) =>
        string.Join(" \n ", entities.Where(e => e.Category == category).Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase));
}
