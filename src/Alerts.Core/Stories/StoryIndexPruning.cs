using Alerts.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Stories;

/// <summary>
/// Deletes the story index's rows that no lookup can use any more: a lookup reads bucket rows added within the window
/// and confirms only candidates uploaded within it, so rows older than the window are dead weight. The cut is one
/// <see cref="Margin"/> further back, so a lookup racing the prune (or running on a clock a little behind) never loses
/// a row it would have read. Bounded by <see cref="StoryOptions.PruneMaxRows"/>; a run that stops there leaves the
/// rest to the next. Safe to run twice at once.
/// </summary>
public sealed partial class StoryIndexPruning(IStoryIndex index, IOptions<StoryOptions> options, TimeProvider time, ILogger<StoryIndexPruning> logger)
{
    /// <summary>How much older than the window a row must be to be deleted.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    /// <summary>Rows added before this are deleted.</summary>
    public DateTimeOffset Cutoff => time.GetUtcNow() - options.Value.Window - Margin;

    /// <param name="maxRows">Overrides <see cref="StoryOptions.PruneMaxRows"/> for this run.</param>
    public async Task<StoryIndexPruned> PruneAsync(int? maxRows, CancellationToken cancellationToken)
    {
        var limit = maxRows ?? options.Value.PruneMaxRows;
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxRows));
        using var activity = AlertsTelemetry.Source.StartActivity("prune story index");
        var cutoff = Cutoff;
        StoryIndexPruned pruned;
        try
        {
            pruned = await index.PruneAsync(cutoff, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AlertsTelemetry.Failed(activity, ex);
            throw;
        }
        AlertsTelemetry.StoryRowsPruned(pruned.BucketRows, pruned.ArticleRows);
        activity?.SetTag("alerts.story.pruned.buckets", pruned.BucketRows);
        activity?.SetTag("alerts.story.pruned.articles", pruned.ArticleRows);
        activity?.SetTag("alerts.story.pruned.complete", pruned.Complete);
        LogPruned(logger, pruned.BucketRows, pruned.ArticleRows, cutoff, pruned.Complete);
        return pruned;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Story index pruned: {BucketRows} bucket rows and {ArticleRows} article rows older than {Cutoff:u} deleted (complete: {Complete})")]
    private static partial void LogPruned(ILogger logger, int bucketRows, int articleRows, DateTimeOffset cutoff, bool complete);
}
