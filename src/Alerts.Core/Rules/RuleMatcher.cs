using Alerts.Articles;
using Alerts.Entities;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// Runs the rules against one article at a time, percolator-style. The article is analysed once into the positions
/// of its terms (<see cref="ArticlePositions"/>); a <see cref="Presearcher"/> drops the rules that cannot match, and
/// each remaining rule is decided straight from the positions (<see cref="DirectQuery"/>). Only rules with clauses that
/// expand against the article's words (wildcards, regular expressions, fuzzy terms) run in Lucene, on a
/// <see cref="MemoryIndex"/> of the article built when the first of them needs it. Snippets are built when read.
/// </summary>
public sealed class RuleMatcher
{
    private readonly Presearcher? _presearcher;
    private readonly bool _direct;

    /// <param name="rules">The rules, in the order matches are reported.</param>
    /// <param name="presearch">Run only the rules whose required terms the article holds (the default); false runs every rule.</param>
    public RuleMatcher(IEnumerable<CompiledRule> rules, bool presearch = true)
        : this(rules, presearch, direct: true)
    {
    }

    /// <param name="rules">The rules, in the order matches are reported.</param>
    /// <param name="presearch">Run only the rules whose required terms the article holds.</param>
    /// <param name="direct">Decide rules from the article's positions where possible; false runs every rule in Lucene (the reference).</param>
    internal RuleMatcher(IEnumerable<CompiledRule> rules, bool presearch, bool direct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        _presearcher = presearch ? new Presearcher(Rules) : null;
        _direct = direct;
    }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <param name="article">The article to match.</param>
    /// <param name="entities">The entities found in it, for rules on entity fields.</param>
    /// <param name="warnings">Gets a line for each rule that could not be run against this article (a wildcard that expands past Lucene's clause limit).</param>
    /// <param name="cancellationToken">Checked before each rule: a time limit stops matching between rules.</param>
    /// <returns>
    /// The matches in rule order. <see cref="RuleMatch.Score"/> is Lucene's score for rules run in Lucene and 1 for rules
    /// decided from positions; <see cref="RuleMatch.Snippets"/> are built on first read.
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<RuleMatch> Match(Article article, IReadOnlyList<Entity> entities, ICollection<string>? warnings = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(entities);

        var positions = new ArticlePositions(article, entities);
        var title = article.Title ?? "";
        var index = new Lazy<MemoryIndex>(() => Index(article, entities));
        var snippets = new Lazy<SnippetBuilder>(() => new SnippetBuilder(title, article.Body, index.Value.CreateSearcher()));
        var matches = new List<RuleMatch>();
        var candidates = _presearcher?.Candidates(positions) ?? Enumerable.Range(0, Rules.Count);
        foreach (var i in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compiled = Rules[i];
            double score;
            if (_direct && compiled.Direct is { } direct)
            {
                if (!direct.Matches(positions))
                {
                    continue;
                }
                score = 1;
            }
            else
            {
                try
                {
                    score = index.Value.Search(compiled.Query);
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
                score = Math.Round(score, 4);
            }
            matches.Add(new RuleMatch
            {
                Rule = compiled.Rule.Id,
                Title = compiled.Rule.Title,
                Severity = compiled.Rule.Severity,
                Score = score,
                Snippets = new LazySnippets(snippets, compiled.Query),
            });
        }
        return matches;
    }

    private static MemoryIndex Index(Article article, IReadOnlyList<Entity> entities)
    {
        var index = new MemoryIndex();
        var title = article.Title ?? "";
        AddField(index, RuleFields.Text, title.Length == 0 ? article.Body : title + "\n\n" + article.Body);
        AddField(index, RuleFields.Title, title);
        AddField(index, RuleFields.Body, article.Body);
        AddField(index, RuleFields.Person, EntityText(entities, EntityCategory.Person));
        AddField(index, RuleFields.Location, EntityText(entities, EntityCategory.Location));
        AddField(index, RuleFields.Organization, EntityText(entities, EntityCategory.Organization));
        return index;
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
