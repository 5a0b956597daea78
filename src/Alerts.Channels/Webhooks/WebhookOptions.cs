using System.ComponentModel.DataAnnotations;
using Alerts.Configuration;

namespace Alerts.Channels.Webhooks;

/// <summary>Webhook deliveries and handshakes. Settings: <c>Alerts__Webhooks__*</c>.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Alerts:Webhooks";

    /// <summary>How long a receiver has to answer a delivery or a handshake before the attempt counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Connections open at once to one receiver host; further sends to it wait for a free connection.</summary>
    [Range(1, 256)]
    public int MaxConnectionsPerHost { get; set; } = 16;

    /// <summary>Development only: lets webhooks target this machine (127.0.0.0/8, ::1, <c>localhost</c>).</summary>
    [NotDeployed("A development switch for local receivers; in Azure it would open the SSRF guard to the app's own host.")]
    public bool AllowLoopback { get; set; }

    /// <summary>Development only: lets a loopback target (with <see cref="AllowLoopback"/>) use plain http.</summary>
    [NotDeployed("A development switch for local receivers without TLS; deployed webhooks are HTTPS only.")]
    public bool AllowHttp { get; set; }
}
