namespace Alerts.Outcomes;

/// <summary>One page of a listing; <see cref="Continuation"/> (opaque) fetches the next, and is null on the last.</summary>
public sealed record ResultsPage<T>(IReadOnlyList<T> Items, string? Continuation);
