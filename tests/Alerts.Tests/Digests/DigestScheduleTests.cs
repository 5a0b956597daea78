using System.Globalization;
using Alerts.Digests;
using Alerts.Subscriptions;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Tests.Digests;

/// <summary>
/// When digests fall due: hourly on the hour (UTC), daily at the subscriber's local time, across both daylight-saving
/// switches of Europe/Berlin and America/New_York (2026: Berlin on 29 March and 25 October, New York on 8 March and
/// 1 November).
/// </summary>
public sealed class DigestScheduleTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(5);

    [Fact]
    public void An_hourly_digest_covers_up_to_the_last_top_of_the_hour_once_it_has_settled()
    {
        var time = new FakeTimeProvider(Utc("2026-06-01T10:04:00Z"));
        // 10:00 is not settled yet at 10:04: the window still ends at 09:00.
        Assert.Equal(Utc("2026-06-01T09:00:00Z"), DigestSchedule.LatestWindowEnd(Cadence.Hourly, time.GetUtcNow(), Settle));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Utc("2026-06-01T10:00:00Z"), DigestSchedule.LatestWindowEnd(Cadence.Hourly, time.GetUtcNow(), Settle));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(Utc("2026-06-01T10:00:00Z"), DigestSchedule.LatestWindowEnd(Cadence.Hourly, time.GetUtcNow(), Settle));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Utc("2026-06-01T11:00:00Z"), DigestSchedule.LatestWindowEnd(Cadence.Hourly, time.GetUtcNow(), Settle));
    }

    [Fact]
    public void Hourly_windows_stay_one_hour_long_through_a_daylight_saving_night()
    {
        // Hourly digests follow UTC, so the day Berlin skips an hour still has 24 windows of one hour each.
        var ends = WindowEnds(Cadence.Hourly, Utc("2026-03-28T22:00:00Z"), Utc("2026-03-29T22:06:00Z"));
        Assert.Equal(Utc("2026-03-28T21:00:00Z"), ends[0]);
        Assert.Equal(Utc("2026-03-29T22:00:00Z"), ends[^1]);
        Assert.Equal(26, ends.Count);
        Assert.All(ends.Zip(ends.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second - pair.First));
    }

    [Fact]
    public void Immediate_subscriptions_have_no_scheduled_window()
    {
        Assert.Null(DigestSchedule.LatestWindowEnd(Cadence.Immediate, Utc("2026-06-01T10:00:00Z"), Settle));
        Assert.Null(DigestSchedule.DueWindow(Subscribed(Cadence.Immediate, Utc("2026-05-01T00:00:00Z")), Utc("2026-06-01T10:00:00Z"), Settle));
    }

    [Theory]
    // Spring forward: the day has 23 hours, 08:00 local moves one hour earlier in UTC.
    [InlineData("Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-28T07:00:00Z", "2026-03-29T06:00:00Z", "2026-03-30T06:00:00Z")]
    [InlineData("America/New_York", "2026-03-07T18:00:00Z", "2026-03-07T13:00:00Z", "2026-03-08T12:00:00Z", "2026-03-09T12:00:00Z")]
    // Fall back: the day has 25 hours, 08:00 local moves one hour later in UTC.
    [InlineData("Europe/Berlin", "2026-10-24T12:00:00Z", "2026-10-24T06:00:00Z", "2026-10-25T07:00:00Z", "2026-10-26T07:00:00Z")]
    [InlineData("America/New_York", "2026-10-31T18:00:00Z", "2026-10-31T12:00:00Z", "2026-11-01T13:00:00Z", "2026-11-02T13:00:00Z")]
    public void A_daily_digest_is_due_at_the_same_local_time_on_both_sides_of_a_switch(string zone, string from, params string[] expected)
    {
        var cadence = new Cadence(CadenceKind.Daily, new TimeOnly(8, 0), zone);
        var ends = WindowEnds(cadence, Utc(from), Utc(from) + TimeSpan.FromDays(2) + Settle);
        Assert.Equal(expected.Select(Utc), ends);
        Assert.All(ends, end => Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, TimeZones.Find(zone)).DateTime)));
    }

    [Theory]
    // 02:30 does not exist on the spring-forward night: the digest comes at 03:00, the first minute after the gap.
    [InlineData("Europe/Berlin", "2026-03-28T12:00:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("America/New_York", "2026-03-07T12:00:00Z", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z")]
    public void A_daily_time_skipped_by_the_clocks_is_delivered_at_the_end_of_the_gap(string zone, string from, params string[] expected)
    {
        var cadence = new Cadence(CadenceKind.Daily, new TimeOnly(2, 30), zone);
        Assert.Equal(expected.Select(Utc), WindowEnds(cadence, Utc(from), Utc(from) + TimeSpan.FromDays(2) + Settle));
    }

    [Theory]
    // 02:30 (Berlin) and 01:30 (New York) happen twice on the fall-back night: one digest, at the second one.
    [InlineData("Europe/Berlin", 2, "2026-10-24T12:00:00Z", "2026-10-24T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("America/New_York", 1, "2026-10-31T12:00:00Z", "2026-10-31T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z")]
    public void A_daily_time_repeated_by_the_clocks_is_delivered_once(string zone, int hour, string from, params string[] expected)
    {
        var cadence = new Cadence(CadenceKind.Daily, new TimeOnly(hour, 30), zone);
        Assert.Equal(expected.Select(Utc), WindowEnds(cadence, Utc(from), Utc(from) + TimeSpan.FromDays(2) + Settle));
    }

    [Theory]
    [InlineData("Europe/Berlin", 8, 0)]
    [InlineData("Europe/Berlin", 2, 30)]
    [InlineData("America/New_York", 1, 30)]
    [InlineData("America/New_York", 23, 45)]
    public void Over_a_year_a_daily_digest_comes_once_per_local_day_and_windows_neither_overlap_nor_leave_gaps(string zone, int hour, int minute)
    {
        var cadence = new Cadence(CadenceKind.Daily, new TimeOnly(hour, minute), zone);
        var subscription = Subscribed(cadence, Utc("2025-12-31T00:00:00Z"));
        var time = new FakeTimeProvider(Utc("2026-01-01T00:00:00Z"));
        var days = new List<DateOnly>();
        while (time.GetUtcNow() < Utc("2027-01-01T12:00:00Z"))
        {
            // As the delivery run does: deliver what is due, then remember where the window ended.
            if (DigestSchedule.DueWindow(subscription, time.GetUtcNow(), Settle) is var (start, end))
            {
                Assert.Equal(subscription.DeliveredUntil ?? subscription.CreatedAt, start);
                Assert.True(end <= time.GetUtcNow() - Settle, "a window is delivered only once it has closed");
                days.Add(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(end, TimeZones.Find(zone)).DateTime));
                subscription = subscription with { DeliveredUntil = end };
            }
            time.Advance(TimeSpan.FromMinutes(15));
        }
        // One per local day, in order, none missed and none twice, the switch days included.
        Assert.All(days.Zip(days.Skip(1)), pair => Assert.Equal(pair.First.AddDays(1), pair.Second));
        Assert.True(days[0] <= new DateOnly(2026, 1, 1) && days[^1] >= new DateOnly(2026, 12, 31), $"{days[0]}..{days[^1]}");
    }

    [Fact]
    public void A_due_window_starts_where_the_last_delivered_one_ended_and_nothing_is_due_twice()
    {
        var cadence = new Cadence(CadenceKind.Daily, new TimeOnly(8, 0), "Europe/Berlin");
        var subscription = Subscribed(cadence, Utc("2026-06-01T09:00:00Z"));
        // Confirmed after today's 08:00: nothing closed since.
        Assert.Null(DigestSchedule.DueWindow(subscription, Utc("2026-06-01T12:00:00Z"), Settle));

        var window = DigestSchedule.DueWindow(subscription, Utc("2026-06-02T06:05:00Z"), Settle);
        Assert.Equal((Utc("2026-06-01T09:00:00Z"), Utc("2026-06-02T06:00:00Z")), window);

        var delivered = subscription with { DeliveredUntil = window!.Value.End };
        Assert.Null(DigestSchedule.DueWindow(delivered, Utc("2026-06-02T18:00:00Z"), Settle));
        Assert.Equal((Utc("2026-06-02T06:00:00Z"), Utc("2026-06-03T06:00:00Z")), DigestSchedule.DueWindow(delivered, Utc("2026-06-03T07:00:00Z"), Settle));
    }

    /// <summary>Every distinct window end seen by a clock stepping through [from, to) a minute at a time.</summary>
    private static List<DateTimeOffset> WindowEnds(Cadence cadence, DateTimeOffset from, DateTimeOffset to)
    {
        var time = new FakeTimeProvider(from);
        var ends = new List<DateTimeOffset>();
        while (time.GetUtcNow() < to)
        {
            if (DigestSchedule.LatestWindowEnd(cadence, time.GetUtcNow(), Settle) is { } end && (ends.Count == 0 || ends[^1] != end))
            {
                Assert.True(ends.Count == 0 || end > ends[^1], "window ends only move forward");
                ends.Add(end);
            }
            time.Advance(TimeSpan.FromMinutes(1));
        }
        return ends;
    }

    private static Subscription Subscribed(Cadence cadence, DateTimeOffset confirmedAt) => new()
    {
        Id = "s00000000000000000000",
        Channel = Channel.Email,
        Target = "reader@example.org",
        Cadence = cadence,
        Status = SubscriptionStatus.Active,
        CreatedAt = confirmedAt,
        ConfirmedAt = confirmedAt,
    };

    private static DateTimeOffset Utc(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
