using System.Collections;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// A match's snippets, built on first read: matching costs only the decision, and a match nobody shows (a digest
/// that lists titles, a rule filtered out downstream) never pays for its evidence.
/// </summary>
internal sealed class LazySnippets(Lazy<SnippetBuilder> builder, Query query) : IReadOnlyList<Snippet>
{
    private readonly Lazy<IReadOnlyList<Snippet>> _snippets = new(() =>
    {
        var b = builder.Value;
        // The builder keeps per-article token caches; matches of one article may be read from several threads.
        lock (b)
        {
            return b.Build(query);
        }
    });

    public Snippet this[int index] => _snippets.Value[index];

    public int Count => _snippets.Value.Count;

    public IEnumerator<Snippet> GetEnumerator() => _snippets.Value.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
