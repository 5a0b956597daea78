using Lucene.Net.Index.Memory;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// Compiles Lucene query syntax into a query over the article fields. Terms are combined with AND unless
/// the query says OR, hyphenated words are phrases ("shoot-to-kill"), and leading wildcards are refused
/// because they scan every term. Phrases may hold groups and wildcards, e.g.
/// <c>"(troops soldiers) (arrived landed)"~3</c> (Lucene's complex phrase syntax; word order as written).
/// </summary>
public static class RuleQuery
{
    public const int MaxQueryLength = 4000;

    /// <summary>Parses <paramref name="query"/>.</summary>
    /// <exception cref="RuleException">The query is empty, too long, or not valid query syntax; the message says where.</exception>
    public static Query Parse(string query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new RuleException("The query is empty.");
        }
        if (query.Length > MaxQueryLength)
        {
            throw new RuleException($"The query is {query.Length} characters long; the limit is {MaxQueryLength}.");
        }

        // QueryParser keeps state and is not thread-safe: one per parse is cheap next to matching.
        var parser = new RuleQueryParser(EnglishStemmingAnalyzer.Version, RuleFields.Text, Analyzer)
        {
            DefaultOperator = Operator.AND,
            AutoGeneratePhraseQueries = true,
            AllowLeadingWildcard = false,
        };
        try
        {
            var parsed = parser.Parse(query);
            if (parsed is BooleanQuery { Clauses.Count: 0 })
            {
                throw new RuleException($"The query \"{query}\" has no searchable words.");
            }
            EnsureRuns(parsed);
            return parsed;
        }
        catch (ParseException ex)
        {
            throw new RuleException($"The query does not parse: {Describe(ex)}", ex);
        }
        catch (BooleanQuery.TooManyClausesException ex)
        {
            throw new RuleException("The query has too many clauses.", ex);
        }
    }

    /// <summary>True if the query parses; otherwise <paramref name="error"/> says why.</summary>
    public static bool TryValidate(string query, out string? error)
    {
        try
        {
            Parse(query);
            error = null;
            return true;
        }
        catch (RuleException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    internal static EnglishStemmingAnalyzer Analyzer { get; } = new();

    [ThreadStatic]
    private static IndexSearcher? _probe;

    /// <summary>
    /// Some queries parse but cannot run: Lucene.Net's complex phrase rewrite refuses a hyphenated word inside a
    /// quoted phrase (<c>"no-fly zone"</c>). Rewriting against a one-word index finds them now, not at every article.
    /// </summary>
    private static void EnsureRuns(Query parsed)
    {
        try
        {
            ProbeRewrite(parsed);
        }
        catch (ArgumentException ex)
        {
            throw new RuleException($"The query cannot run: {ex.Message} (inside a quoted phrase, write hyphenated words with spaces).", ex);
        }
    }

    /// <summary>The query as Lucene rewrites it before running it, against a one-word index.</summary>
    internal static Query ProbeRewrite(Query query)
    {
        if (_probe is null)
        {
            var index = new MemoryIndex();
            index.AddField(RuleFields.Text, "probe", Analyzer);
            _probe = index.CreateSearcher();
        }
        return _probe.Rewrite(query);
    }

    private static string Describe(ParseException ex)
    {
        // Lucene's message lists every expected token; the first line says what went wrong and where.
        var message = ex.Message;
        var cut = message.IndexOf("Was expecting", StringComparison.Ordinal);
        message = (cut > 0 ? message[..cut] : message).Trim();
        return message.Replace("Cannot parse '", "'", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
    }
}
