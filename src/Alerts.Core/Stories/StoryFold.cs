namespace Alerts.Stories;

/// <summary>
/// How an article relates to the story it copies, stored with its analysis. An article with none is the first of its
/// story (or too short to tell).
/// </summary>
public sealed record StoryFold
{
    /// <summary>The id of the story's first article.</summary>
    public required string StoryId { get; init; }

    /// <summary>True when this copy alerts again: it meets rules the story had not met, or adds substantial new text.</summary>
    public bool IsUpdate { get; init; }

    /// <summary>Rules this copy met that no earlier copy of the story met.</summary>
    public IReadOnlyList<string> NewRules { get; init; } = [];

    /// <summary>The estimated share of this copy's text found in no earlier copy (0 to 1).</summary>
    public double NewText { get; init; }

    /// <summary>The outlets that reported the story before this copy, other than this copy's own.</summary>
    public IReadOnlyList<string> Outlets { get; init; } = [];
}
