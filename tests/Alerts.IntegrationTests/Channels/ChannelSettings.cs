namespace Alerts.IntegrationTests.Channels;

/// <summary>Settings for the real channels against the in-process SMTP server and webhook receivers.</summary>
internal static class ChannelSettings
{
    public const string PublicBaseUrl = "https://alerts.test";

    public static Dictionary<string, string?> For(SmtpCatcher? smtp = null, bool allowLoopback = true, string timeout = "00:00:02")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:Subscriptions:PublicBaseUrl"] = PublicBaseUrl,
            ["Alerts:Email:Sender"] = "alerts@alerts.test",
            ["Alerts:Email:SmtpHost"] = "127.0.0.1",
            ["Alerts:Email:UseTls"] = "false",
            // Receivers run on this machine: the local host's development switches.
            ["Alerts:Webhooks:AllowLoopback"] = allowLoopback ? "true" : "false",
            ["Alerts:Webhooks:AllowHttp"] = allowLoopback ? "true" : "false",
            ["Alerts:Webhooks:Timeout"] = timeout,
        };
        foreach (var (key, value) in smtp?.Settings ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>The token query parameter of a confirmation or unsubscribe link.</summary>
    public static string Token(string link)
    {
        var uri = new Uri(link.Trim('<', '>', ' '));
        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == "token");
        return Uri.UnescapeDataString(query[1]);
    }
}
