namespace Alerts.Rules;

/// <summary>A span of a snippet (UTF-16 offset and length into the snippet text).</summary>
public sealed record Highlight(int Offset, int Length);
