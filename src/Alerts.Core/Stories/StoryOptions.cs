using System.ComponentModel.DataAnnotations;

namespace Alerts.Stories;

/// <summary>How copies of one story are folded. Settings: <c>Alerts__Stories__*</c>.</summary>
public sealed class StoryOptions
{
    public const string SectionName = "Alerts:Stories";

    /// <summary>How far back an upload looks for the story it copies; older stories are not folded into.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(48);
}
