namespace Alerts.Health;

/// <summary>
/// What a probe found: a short status word (<c>reachable</c>, <c>unreachable</c>, <c>embedded</c>, <c>configured</c>,
/// <c>failing</c>, <c>not-configured</c>) and, where it helps, a detail that names no endpoint and holds no secret.
/// </summary>
public sealed record DependencyHealth(string Status, bool Healthy, string? Detail = null)
{
    public static DependencyHealth Reachable(string? detail = null) => new("reachable", true, detail);

    public static DependencyHealth Unreachable(string? detail = null) => new("unreachable", false, detail);

    public static DependencyHealth Configured(string? detail = null) => new("configured", true, detail);

    public static DependencyHealth Failing(string? detail = null) => new("failing", false, detail);
}
