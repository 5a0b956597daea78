using Alerts.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Functions;

/// <summary>The story index prune timer: deletes index rows older than the story window. Schedule: the StoryPruneSchedule setting.</summary>
public sealed class PruneStories(StoryPruneTimerHandler handler)
{
    [Function(nameof(PruneStories))]
    public async Task RunAsync([TimerTrigger("%StoryPruneSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        _ = timer;
        await handler.HandleAsync(cancellationToken).ConfigureAwait(false);
    }
}
