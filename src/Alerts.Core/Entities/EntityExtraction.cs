namespace Alerts.Entities;

/// <summary>What an extractor found in one body, and what it cost.</summary>
public sealed record EntityExtraction
{
    public required IReadOnlyList<Entity> Entities { get; init; }

    /// <summary>Which extractor produced the entities, e.g. "embedded", "azure-language" or "embedded (fallback)".</summary>
    public required string Extractor { get; init; }

    /// <summary>Billable text records (1,000 characters each) the extraction used; 0 for the embedded extractor.</summary>
    public int TextRecords { get; init; }

    /// <summary>Warnings the extractor reported (e.g. a chunk the service rejected).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
