using System.Globalization;

namespace Alerts.Cli;

/// <summary>The query strings of the results routes, as the CLI sends them over HTTP.</summary>
internal static class ResultsQuery
{
    public static string? Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary><paramref name="path"/> with the non-null values as a query string, each escaped.</summary>
    public static string Build(string path, params (string Name, string? Value)[] values)
    {
        var query = string.Join('&', values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => v.Name + "=" + Uri.EscapeDataString(v.Value!)));
        return query.Length == 0 ? path : path + "?" + query;
    }
}
