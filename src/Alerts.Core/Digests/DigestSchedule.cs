using Alerts.Subscriptions;

namespace Alerts.Digests;

/// <summary>When a subscription's next scheduled digest is due, and which window it covers.</summary>
public static class DigestSchedule
{
    /// <summary>
    /// The end of the newest window that is complete at <paramref name="now"/> (less the settle delay): the last top of
    /// the hour for hourly digests, the last daily time in the subscriber's zone for daily ones. Null for immediate.
    /// </summary>
    public static DateTimeOffset? LatestWindowEnd(Cadence cadence, DateTimeOffset now, TimeSpan settleDelay)
    {
        ArgumentNullException.ThrowIfNull(cadence);
        var closed = now - settleDelay;
        switch (cadence.Kind)
        {
            case CadenceKind.Hourly:
                return new DateTimeOffset(closed.UtcDateTime.Date.AddHours(closed.UtcDateTime.Hour), TimeSpan.Zero);
            case CadenceKind.Daily:
                var zone = TimeZones.Find(cadence.TimeZone);
                var at = cadence.At ?? new TimeOnly(8, 0);
                var local = TimeZoneInfo.ConvertTime(closed, zone);
                var day = DateOnly.FromDateTime(local.DateTime);
                var candidate = ToUtc(day, at, zone);
                return candidate <= closed ? candidate : ToUtc(day.AddDays(-1), at, zone);
            default:
                return null;
        }
    }

    /// <summary>The window a new digest covers, or null when nothing new has closed since the last one.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? DueWindow(Subscription subscription, DateTimeOffset now, TimeSpan settleDelay)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (LatestWindowEnd(subscription.Cadence, now, settleDelay) is not { } end)
        {
            return null;
        }
        var start = subscription.DeliveredUntil ?? subscription.ConfirmedAt ?? subscription.CreatedAt;
        return end > start ? (start, end) : null;
    }

    private static DateTimeOffset ToUtc(DateOnly day, TimeOnly at, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(at, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving jump happens at the first valid minute after it; a time repeated when the
        // clocks go back happens once, at its second occurrence (ConvertTimeToUtc reads it as standard time).
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
