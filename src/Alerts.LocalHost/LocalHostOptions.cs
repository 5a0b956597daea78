namespace Alerts.LocalHost;

/// <summary>How <c>alerts run</c> hosts the pipeline.</summary>
public sealed record LocalHostOptions
{
    /// <summary>Where the subscription API listens (the Functions host's default address).</summary>
    public Uri ApiUrl { get; init; } = new("http://localhost:7071");

    /// <summary>A folder whose new files are uploaded to the <c>articles</c> container.</summary>
    public string? WatchFolder { get; init; }

    /// <summary>How often the <c>articles</c> container is swept for uploads without a status row.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How old a blob must be before a sweep processes it: younger ones are the triggers' to take.</summary>
    public TimeSpan ReconcileGrace { get; init; } = TimeSpan.FromSeconds(20);
}
