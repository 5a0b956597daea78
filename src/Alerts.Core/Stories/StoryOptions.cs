using System.ComponentModel.DataAnnotations;

namespace Alerts.Stories;

/// <summary>How copies of one story are folded. Settings: <c>Alerts__Stories__*</c>.</summary>
public sealed class StoryOptions
{
    public const string SectionName = "Alerts:Stories";

    /// <summary>How far back an upload looks for the story it copies; older stories are not folded into.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Rows one prune run deletes at most (see <see cref="StoryIndexPruning"/>): a backlog is worked off over several
    /// runs instead of one run that cannot finish in the function's time limit.
    /// </summary>
    [Range(100, 10_000_000)]
    public int PruneMaxRows { get; set; } = 200_000;
}
