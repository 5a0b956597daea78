namespace Alerts.Subscriptions;

/// <summary>When a subscriber gets alerts. <see cref="At"/> and <see cref="TimeZone"/> (IANA) apply to daily digests.</summary>
public sealed record Cadence(CadenceKind Kind, TimeOnly? At = null, string? TimeZone = null)
{
    public static Cadence Immediate { get; } = new(CadenceKind.Immediate);

    public static Cadence Hourly { get; } = new(CadenceKind.Hourly);
}
