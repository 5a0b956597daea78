namespace Alerts.Rules;

/// <summary>A named query analysts watch for, e.g. <c>state-of-emergency</c>. The query is Lucene query syntax.</summary>
public sealed record WatchRule
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Severity Severity { get; init; }
    public required string Query { get; init; }
    public string? Description { get; init; }
}
