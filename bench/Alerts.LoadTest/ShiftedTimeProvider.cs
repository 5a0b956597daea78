namespace Alerts.LoadTest;

/// <summary>The system clock, moved forward on demand so a digest window closes without waiting an hour.</summary>
internal sealed class ShiftedTimeProvider : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
