using Alerts.Analysis;
using Alerts.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Stories;

/// <summary>
/// Finds the story an article copies (the same body under another outlet's headline, byline and boilerplate) and
/// records it on the analysis. The article is put in its buckets and stored in the index first, then the buckets are
/// read: of two copies analysed at the same moment at least one sees the other, and both order the copies alike by
/// (upload time, id), the time being taken after the article's buckets are written. So exactly one of them is the
/// story's first article, and the other folds into it.
/// </summary>
public sealed partial class StoryFolder(IStoryIndex index, IOptions<StoryOptions> options, TimeProvider time, ILogger<StoryFolder> logger)
{
    /// <summary>
    /// The estimated share of the shorter body found in the other above which two bodies are one story. Copies with a
    /// new headline, byline, boilerplate, light edits or a trimmed end score 0.6 and up; other stories about the same
    /// event stay under 0.2 (see docs/stories.md for the figures).
    /// </summary>
    public const double SameStory = 0.5;

    /// <summary>A copy with at least this share of new text alerts again as an update.</summary>
    public const double SubstantialNewText = 0.3;

    /// <summary>Candidates confirmed per article at most: a bucket flooded by one body cannot make a lookup unbounded.</summary>
    public const int MaxCandidates = 64;

    // A candidate seen in the buckets whose index row is not there yet is being written right now: wait for it.
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>The analysis with <see cref="ArticleAnalysis.Story"/> set when it copies an earlier article.</summary>
    public async Task<ArticleAnalysis> FoldAsync(ArticleAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        using var activity = AlertsTelemetry.Source.StartActivity("fold");
        var article = analysis.Article;
        if (StorySignature.Of(article.Body) is not { } signature)
        {
            return analysis;
        }
        var keys = signature.BucketKeys();
        await index.AddToBucketsAsync(article.Id, keys, cancellationToken).ConfigureAwait(false);
        var me = await index.AddArticleAsync(new StoryArticle
        {
            ArticleId = article.Id,
            UploadedAt = time.GetUtcNow(),
            Signature = signature,
            Outlet = Outlets.Of(article),
            Rules = [.. analysis.Matches.Concat(analysis.QueryMatches).Select(m => m.Rule).Distinct(StringComparer.Ordinal)],
        }, cancellationToken).ConfigureAwait(false);

        var window = options.Value.Window;
        var found = await index.FindAsync(keys, me.UploadedAt - window, cancellationToken).ConfigureAwait(false);
        var earlier = new List<StoryArticle>();
        foreach (var id in found.Where(id => id != article.Id).Order(StringComparer.Ordinal).Take(MaxCandidates))
        {
            if (await GetSettledAsync(id, cancellationToken).ConfigureAwait(false) is { } other
                && other.Precedes(me)
                && other.UploadedAt >= me.UploadedAt - window
                && signature.Containment(other.Signature) >= SameStory)
            {
                earlier.Add(other);
            }
        }
        activity?.SetTag("alerts.story.candidates", found.Count);
        if (earlier.Count == 0)
        {
            return analysis;
        }

        var first = earlier.OrderBy(a => a.UploadedAt).ThenBy(a => a.ArticleId, StringComparer.Ordinal).First();
        var seen = earlier.SelectMany(a => a.Rules).ToHashSet(StringComparer.Ordinal);
        var newRules = me.Rules.Where(r => !seen.Contains(r)).ToList();
        var newText = earlier.Min(a => signature.NewShare(a.Signature));
        var fold = new StoryFold
        {
            StoryId = first.ArticleId,
            IsUpdate = newRules.Count > 0 || newText >= SubstantialNewText,
            NewRules = newRules,
            NewText = Math.Round(newText, 2),
            Outlets = [.. earlier.OrderBy(a => a.UploadedAt).Select(a => a.Outlet).OfType<string>()
                .Where(o => !string.Equals(o, me.Outlet, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)],
        };
        activity?.SetTag("alerts.story.id", fold.StoryId);
        activity?.SetTag("alerts.story.update", fold.IsUpdate);
        LogFolded(logger, article.Id, fold.StoryId, fold.IsUpdate, fold.NewRules.Count, fold.NewText);
        return analysis with { Story = fold };
    }

    private async Task<StoryArticle?> GetSettledAsync(string articleId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await index.GetArticleAsync(articleId, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
            if (attempt == Waits.Length)
            {
                // Its writer stopped between its buckets and its row: it will see this article when it runs again.
                return null;
            }
            await Task.Delay(Waits[attempt], time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} folded into story {StoryId} (update: {IsUpdate}, {NewRules} new rules, {NewText:P0} new text)")]
    private static partial void LogFolded(ILogger logger, string articleId, string storyId, bool isUpdate, int newRules, double newText);
}
