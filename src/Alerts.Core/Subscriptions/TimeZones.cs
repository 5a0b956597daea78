namespace Alerts.Subscriptions;

/// <summary>IANA time zones ("Europe/Kyiv", "Asia/Almaty"); unknown names are an error at subscription time, not at 8 am.</summary>
public static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return string.IsNullOrWhiteSpace(id);
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public static TimeZoneInfo Find(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
