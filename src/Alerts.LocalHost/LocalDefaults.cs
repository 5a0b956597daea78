namespace Alerts.LocalHost;

/// <summary>
/// Settings that make a fresh clone work on its own: Azurite, the local mail catcher, loopback webhook receivers.
/// Anything in local.settings.json or the environment wins over these.
/// </summary>
public static class LocalDefaults
{
    public static Dictionary<string, string?> For(LocalHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AlertsStorage"] = "UseDevelopmentStorage=true",
            ["DigestSchedule"] = "0 */5 * * * *",
            ["StoryPruneSchedule"] = "0 17 * * * *",
            ["Alerts:Subscriptions:PublicBaseUrl"] = options.ApiUrl.ToString(),
            ["Alerts:Email:Provider"] = "smtp",
            ["Alerts:Email:SmtpHost"] = "127.0.0.1",
            ["Alerts:Email:SmtpPort"] = "1025",
            ["Alerts:Email:UseTls"] = "false",
            ["Alerts:Email:Sender"] = "alerts@localhost.localdomain",
            // A receiver on this machine is the point of running locally; Azure never sets these.
            ["Alerts:Webhooks:AllowLoopback"] = "true",
            ["Alerts:Webhooks:AllowHttp"] = "true",
        };
    }
}
