using System.Collections;
using Lucene.Net.Search;

namespace Alerts.Rules;

/// <summary>
/// A match's snippets, built on first read: matching costs only the decision, and a match nobody shows (a digest
/// that lists titles, a rule filtered out downstream) never pays for its evidence. One object per match, built by
/// the article's shared <see cref="SnippetBuilder"/>; at most three snippets of at most 400 characters each.
/// </summary>
internal sealed class LazySnippets(Lazy<SnippetBuilder> builder, Query query) : IReadOnlyList<Snippet>
{
    private IReadOnlyList<Snippet>? _snippets;

    private IReadOnlyList<Snippet> Snippets
    {
        get
        {
            if (Volatile.Read(ref _snippets) is { } built)
            {
                return built;
            }
            var b = builder.Value;
            // The builder keeps per-article token caches; matches of one article may be read from several threads.
            lock (b)
            {
                return _snippets ??= b.Build(query);
            }
        }
    }

    public Snippet this[int index] => Snippets[index];

    public int Count => Snippets.Count;

    public IEnumerator<Snippet> GetEnumerator() => Snippets.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
