using Alerts.Articles;
using Alerts.Entities;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// Runs the rules against one article at a time, percolator-style: the article is indexed alone in a
/// <see cref="MemoryIndex"/> and each stored query is scored against it. A <see cref="Presearcher"/> first drops the
/// rules that cannot match, so the cost follows the rules an article could meet, not the size of the rule set.
/// </summary>
public sealed class RuleMatcher
{
    private readonly Presearcher? _presearcher;

    /// <param name="rules">The rules, in the order matches are reported.</param>
    /// <param name="presearch">Run only the rules whose required terms the article holds (the default); false runs every rule.</param>
    public RuleMatcher(IEnumerable<CompiledRule> rules, bool presearch = true)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        _presearcher = presearch ? new Presearcher(Rules) : null;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <param name="article">The article to match.</param>
    /// <param name="entities">The entities found in it, for rules on entity fields.</param>
    /// <param name="warnings">Gets a line for each rule that could not be run against this article (a wildcard that expands past Lucene's clause limit).</param>
    /// <param name="cancellationToken">Checked before each rule: a time limit stops matching between rules.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<RuleMatch> Match(Article article, IReadOnlyList<Entity> entities, ICollection<string>? warnings = null, CancellationToken cancellationToken = default)
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
        var matches = new List<RuleMatch>();
        var candidates = _presearcher?.Candidates(index) ?? Enumerable.Range(0, Rules.Count);
        foreach (var i in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compiled = Rules[i];
            float score;
            try
            {
                score = index.Search(compiled.Query);
            }
            catch (BooleanQuery.TooManyClausesException)
            {
                // A wildcard inside a phrase becomes one clause per matching word of the article; past the limit the
                // rule cannot be run on this article, and the other rules still are.
                warnings?.Add($"Rule '{compiled.Rule.Id}' was not run: its wildcards match more than {BooleanQuery.MaxClauseCount} words of this article.");
                continue;
            }
            if (score <= 0)
            {
                continue;
            }
            matches.Add(new RuleMatch
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
        if (string.IsNullOrWhiteSpace(text) || !HasTokens(field, text))
        {
            // Lucene.NET's MemoryIndex throws on a query naming a field that got no tokens (Java returns no norms),
            // so an empty field (or a title of only "—" or emoji) gets a control character that no analysed query term can equal.
            index.AddField(field, index.KeywordTokenStream(new[] { EmptyFieldToken }));
            return;
        }
        index.AddField(field, text, RuleQuery.Analyzer);
    }

    private const string EmptyFieldToken = "\u0001";

    /// <summary>False for text the analyzer drops whole: punctuation, emoji, one "word" longer than 255 characters.</summary>
    private static bool HasTokens(string field, string text)
    {
        using var stream = RuleQuery.Analyzer.GetTokenStream(field, text);
        stream.Reset();
        var any = stream.IncrementToken();
        stream.End();
        return any;
    }

    // All values of a category share one field (MemoryIndex takes a field once); entity fields are for
    // "location:Almaty" or "person:\"Kassym-Jomart Tokayev\"", not for phrases spanning two entities.
    private static string EntityText(IReadOnlyList<Entity> entities, string category) =>
        string.Join(" \n ", entities.Where(e => e.Category == category).Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase));
}
