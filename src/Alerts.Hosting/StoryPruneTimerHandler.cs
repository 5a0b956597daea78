using Alerts.Stories;

namespace Alerts.Hosting;

/// <summary>
/// The story index prune timer of both hosts (schedule: the <c>StoryPruneSchedule</c> setting): one bounded run of
/// <see cref="StoryIndexPruning"/>; rows left by a run that reached its limit go on the next.
/// </summary>
public sealed class StoryPruneTimerHandler(StoryIndexPruning pruning)
{
    public Task<StoryIndexPruned> HandleAsync(CancellationToken cancellationToken) => pruning.PruneAsync(maxRows: null, cancellationToken);
}
