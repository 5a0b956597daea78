namespace Alerts.Digests;

/// <summary>The names of one kind in an article, for a reader: "People: Kassym-Jomart Tokayev, …".</summary>
public sealed record EntityGroup(string Label, IReadOnlyList<string> Names);
